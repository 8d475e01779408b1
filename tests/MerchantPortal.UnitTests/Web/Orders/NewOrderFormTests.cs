using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Customers;
using MerchantPortal.Merchants;
using MerchantPortal.Monetary;
using MerchantPortal.Orders;
using MerchantPortal.Web.Features.Orders;

namespace MerchantPortal.UnitTests.Web.Orders;

public sealed class NewOrderFormTests
{
    private static readonly Currency Usd = Currency.Of("USD");
    private static readonly MerchantSummary Merchant = new(Guid.NewGuid(), "Northwind", "USD", FeeBasisPoints: 250, TaxBasisPoints: 1000);

    [Fact]
    public void The_breakdown_prices_each_line_with_the_merchant_charges_unless_the_item_overrides_them()
    {
        var form = FormWithBalance(100_00);
        form.AddLine(Key(1999), stock: 10).Quantity = 3;
        form.AddLine(TopUp(rateBps: 9_500, feeBps: 0, taxBps: 2_000), stock: null).Amount = 20.00m;

        var breakdown = form.Breakdown();

        Assert.Equal(6747, breakdown.Lines[0].Price!.TotalMinor);
        Assert.Equal(new LinePrice(1, 1900, 2000, 1900, 0, 380), breakdown.Lines[1].Price);
        Assert.Equal(new Money(5997 + 1900, Usd), breakdown.Subtotal);
        Assert.Equal(new Money(150, Usd), breakdown.Fees);
        Assert.Equal(new Money(600 + 380, Usd), breakdown.Taxes);
        Assert.Equal(new Money(6747 + 2280, Usd), breakdown.Total);
        Assert.False(form.ExceedsBalance);
    }

    [Fact]
    public void A_line_without_a_usable_amount_is_listed_unpriced_and_left_out_of_the_totals()
    {
        var form = FormWithBalance(10_00);
        form.AddLine(Key(500), stock: 10).Quantity = 1;
        form.AddLine(TopUp(), stock: null).Amount = 5.001m;

        var breakdown = form.Breakdown();

        Assert.Null(breakdown.Lines[1].Price);
        // 2.5% of $5.00 is 12.5 cents, rounded half to even.
        Assert.Equal(new Money(500 + 12 + 50, Usd), breakdown.Total);
    }

    [Fact]
    public void A_total_above_the_balance_is_flagged()
    {
        var form = FormWithBalance(10_00);
        form.AddLine(Key(500), stock: 10).Quantity = 2;

        Assert.True(form.ExceedsBalance);
    }

    [Fact]
    public void Every_request_from_one_form_carries_the_same_idempotency_key_and_another_form_a_different_one()
    {
        var form = CompleteForm();

        Assert.Equal(form.ToRequest().IdempotencyKey, form.ToRequest().IdempotencyKey);
        Assert.True(Guid.TryParse(form.ToRequest().IdempotencyKey, out _));
        Assert.NotEqual(form.ToRequest().IdempotencyKey, CompleteForm().ToRequest().IdempotencyKey);
    }

    [Fact]
    public void The_request_sends_a_key_count_a_top_up_face_value_no_service_quantity_and_only_filled_fields()
    {
        var form = CompleteForm();
        var topUp = form.AddLine(TopUp(), stock: null);
        topUp.Amount = 25.00m;
        topUp.SetFieldValue("phone_number", "+447700900123");
        topUp.SetFieldValue("network", "2");
        var service = form.AddLine(Service(), stock: null);
        service.SetFieldValue("account_id", " ");

        var request = form.ToRequest();

        Assert.Equal(1m, request.Lines[0].Quantity);
        Assert.Equal(25.00m, request.Lines[1].Quantity);
        Assert.Equal(new Dictionary<string, string?> { ["phone_number"] = "+447700900123", ["network"] = "2" }, request.Lines[1].Fields);
        Assert.Null(request.Lines[2].Quantity);
        Assert.Empty(request.Lines[2].Fields!);
        Assert.Equal(PaymentMethodKind.Balance, request.Payment.Method);
        Assert.Equal(OrderSource.Dashboard, request.Source);
    }

    [Fact]
    public void The_customer_is_sent_by_id_or_as_new_details_depending_on_the_mode()
    {
        var form = CompleteForm();
        var existing = new CustomerSummary(Guid.NewGuid(), Merchant.Id, "Ana", "ana@example.test", null, DateTime.UtcNow, 2, false);
        form.Customer = existing;
        Assert.Equal(new CustomerRef(CustomerId: existing.Id), form.ToRequest().Customer);

        form.SwitchCustomerMode(CustomerMode.New);
        form.CustomerName = " Bo ";
        form.CustomerPhone = "+14155550123";

        // A new customer must be new: one who already has the phone is offered, never joined silently.
        Assert.Equal(new CustomerRef(Phone: "+14155550123", Name: "Bo", MustBeNew: true), form.ToRequest().Customer);
    }

    [Fact]
    public void The_offer_of_an_existing_customer_is_withdrawn_when_its_email_changes_and_taken_up_when_used()
    {
        var form = CompleteForm();
        form.SwitchCustomerMode(CustomerMode.New);
        form.CustomerEmail = "amara@example.test";
        var amara = new CustomerSummary(Guid.NewGuid(), Merchant.Id, "Amara Haddad", "amara@example.test", null, DateTime.UtcNow, 1, false);

        form.OfferExisting(new CustomerMatch(amara, "customer.email"));
        form.CustomerEmail = "amara@example.test";
        Assert.NotNull(form.ExistingMatch);
        form.CustomerEmail = "amara.h@example.test";
        Assert.Null(form.ExistingMatch);

        form.OfferExisting(new CustomerMatch(amara, "customer.email"));
        form.UseExistingMatch();
        Assert.Equal((CustomerMode.Existing, amara.Id), (form.CustomerMode, form.Customer?.Id));
        Assert.Equal(new CustomerRef(CustomerId: amara.Id), form.ToRequest().Customer);
    }

    [Fact]
    public void Text_longer_than_the_service_accepts_shows_its_message_while_typing()
    {
        var form = CompleteForm();

        form.MerchantOrderId = new string('r', OrderErrors.MaxMerchantOrderIdLength + 1);
        form.Notes = new string('n', OrderErrors.MaxNotesLength);

        Assert.Equal(OrderErrors.MerchantOrderIdTooLong.Message, form.ErrorFor("merchant_order_id"));
        Assert.Null(form.ErrorFor("notes"));
    }

    [Fact]
    public void A_service_error_keeps_the_message_already_shown_where_asked()
    {
        var form = CompleteForm();
        form.Show(OrderErrors.QuantityOutOfRange(0, 1, 10));

        form.Show(new Error("QUANTITY_INVALID", "The quantity must be a whole number.", "lines[0].quantity"), keepShown: true);

        Assert.Equal("The quantity must be between 1 and 10.", form.Lines[0].ErrorFor("quantity"));
    }

    [Fact]
    public void Service_errors_land_on_the_input_their_field_path_names()
    {
        var form = CompleteForm();
        var topUp = form.AddLine(TopUp(), stock: null);
        form.SwitchCustomerMode(CustomerMode.New);

        form.Show(new Error("FIELD_INVALID", "Phone number is not in the expected format.", "lines[1].fields.phone_number"));
        form.Show(new Error("QUANTITY_OUT_OF_RANGE", "Between 1 and 100.", "lines[0].quantity"));
        form.Show(new Error("CUSTOMER_EMAIL_INVALID", "Enter a valid email address.", "customer.email"));
        form.Show(new Error("INSUFFICIENT_BALANCE", "Too low.", "payment"));

        Assert.Equal("Phone number is not in the expected format.", topUp.ErrorFor("fields.phone_number"));
        Assert.Equal("Between 1 and 100.", form.Lines[0].ErrorFor("quantity"));
        Assert.Equal("Enter a valid email address.", form.ErrorFor("customer.email"));
        Assert.Equal("Too low.", form.ErrorFor("payment"));
        Assert.Null(form.GeneralError);
    }

    [Fact]
    public void Each_error_of_a_combined_validation_failure_lands_on_its_own_input()
    {
        var form = CompleteForm();
        var topUp = form.AddLine(TopUp(), stock: null);

        form.Show(Error.Validation(
        [
            new Error("QUANTITY_OUT_OF_RANGE", "Between 1 and 100.", "lines[0].quantity"),
            new Error("FIELD_INVALID", "Phone number is not in the expected format.", "lines[1].fields.phone_number"),
            new Error("NOTES_TOO_LONG", "Notes can be at most 2000 characters.", "notes"),
        ]));

        Assert.Equal("Between 1 and 100.", form.Lines[0].ErrorFor("quantity"));
        Assert.Equal("Phone number is not in the expected format.", topUp.ErrorFor("fields.phone_number"));
        Assert.Equal("Notes can be at most 2000 characters.", form.ErrorFor("notes"));
        Assert.Null(form.GeneralError);
    }

    [Theory]
    [InlineData("idempotency_key")]
    [InlineData("merchant_id")]
    [InlineData("customer.email")]
    [InlineData("lines[5].quantity")]
    [InlineData("lines[0].fields.unknown")]
    [InlineData(null)]
    public void An_error_for_no_input_on_the_form_is_the_general_error(string? field)
    {
        // A merchant user's merchant is fixed, and an existing customer has no email input.
        var form = CompleteForm();

        form.Show(new Error("SOME_CODE", "Something went wrong.", field));

        Assert.Equal("Something went wrong.", form.GeneralError);
    }

    [Fact]
    public void Changing_a_quantity_or_a_field_clears_its_error()
    {
        var form = CompleteForm();
        var topUp = form.AddLine(TopUp(), stock: null);
        form.Show(new Error("AMOUNT_STEP", "Off the step.", "lines[1].quantity"));
        form.Show(new Error("FIELD_REQUIRED", "Network is required.", "lines[1].fields.network"));

        topUp.Amount = 10m;
        topUp.SetFieldValue("network", "1");

        Assert.Null(topUp.ErrorFor("quantity"));
        Assert.Null(topUp.ErrorFor("fields.network"));
    }

    [Fact]
    public void A_text_field_is_checked_against_its_pattern_as_it_is_typed_but_an_empty_one_is_left_to_the_service()
    {
        var form = CompleteForm();
        var topUp = form.AddLine(TopUp(), stock: null);
        var phone = topUp.Item.Fields.Single(f => f.Key == "phone_number");

        Assert.Null(topUp.FieldProblem(phone));
        topUp.SetFieldValue("phone_number", "0770");
        Assert.Equal("Phone number is not in the expected format.", topUp.FieldProblem(phone));
        topUp.SetFieldValue("phone_number", "+447700900123");
        Assert.Null(topUp.FieldProblem(phone));
    }

    [Fact]
    public void An_empty_form_asks_for_a_merchant_in_the_services_words_and_leaves_the_rest_to_the_service()
    {
        var form = new NewOrderForm();

        Assert.False(form.CheckMerchant());

        Assert.Equal(OrderErrors.MerchantRequired.Message, form.ErrorFor("merchant_id"));
        Assert.Null(form.ErrorFor("customer"));
        Assert.Null(form.ErrorFor("lines"));
    }

    [Fact]
    public void A_key_line_with_its_quantity_cleared_is_not_sent_as_one()
    {
        var form = CompleteForm();
        form.Lines[0].Quantity = null;

        Assert.True(form.CheckMerchant());
        Assert.Equal(0, form.ToRequest().Lines[0].Quantity);
    }

    [Fact]
    public void Hints_describe_the_allowed_quantity_amount_and_stock()
    {
        var form = FormWithBalance(0);
        var key = form.AddLine(Key(500), stock: 2);
        key.Quantity = 3;
        var topUp = form.AddLine(TopUp(), stock: null);

        Assert.Equal("Between 1 and 10", key.QuantityHint);
        Assert.True(key.ExceedsStock);
        Assert.Equal("$5.00–$100.00 in steps of $5.00", topUp.QuantityHint);
    }

    [Fact]
    public void Choosing_another_merchant_clears_the_lines_and_customer_of_the_first()
    {
        var form = CompleteForm();

        form.SetMerchant(Merchant with { Id = Guid.NewGuid() }, new Money(0, Usd));

        Assert.Empty(form.Lines);
        Assert.Null(form.Customer);
    }

    private static NewOrderForm FormWithBalance(long balanceMinor)
    {
        var form = new NewOrderForm { MerchantIsFixed = true };
        form.SetMerchant(Merchant, new Money(balanceMinor, Usd));
        return form;
    }

    private static NewOrderForm CompleteForm()
    {
        var form = FormWithBalance(100_00);
        form.Customer = new CustomerSummary(Guid.NewGuid(), Merchant.Id, "Ana", "ana@example.test", null, DateTime.UtcNow, 0, false);
        form.AddLine(Key(500), stock: 10);
        return form;
    }

    private static CatalogItem Key(long unitPriceMinor) => CatalogItem.Create(
        new SaveCatalogItem("KEY-1", "Game key", null, ProductType.Key, "USD", UnitPriceMinor: unitPriceMinor, MinQuantity: 1, MaxQuantity: 10),
        DateTime.UtcNow);

    private static CatalogItem TopUp(long rateBps = 10_000, int? feeBps = null, int? taxBps = null) => CatalogItem.Create(
        new SaveCatalogItem("TOPUP-1", "Mobile top-up", null, ProductType.TopUp, "USD", MinAmountMinor: 500, MaxAmountMinor: 10_000,
            StepMinor: 500, RateBasisPoints: rateBps, FeeBasisPoints: feeBps, TaxBasisPoints: taxBps,
            Fields:
            [
                new ItemField { Key = "phone_number", Label = "Phone number", Type = FieldType.Text, Pattern = @"\+\d{8,15}", MaxLength = 16 },
                new ItemField
                {
                    Key = "network", Label = "Network", Type = FieldType.Choice,
                    Choices = [new FieldChoice { Id = 1, Name = "Vodafone" }, new FieldChoice { Id = 2, Name = "Orange" }],
                },
            ]),
        DateTime.UtcNow);

    private static CatalogItem Service() => CatalogItem.Create(
        new SaveCatalogItem("SVC-1", "Account recovery", null, ProductType.Service, "USD", UnitPriceMinor: 1500,
            Fields: [new ItemField { Key = "account_id", Label = "Account id", Type = FieldType.Text, Required = false }]),
        DateTime.UtcNow);
}
