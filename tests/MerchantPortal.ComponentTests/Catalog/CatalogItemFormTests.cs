using Bunit;
using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Identity;
using MerchantPortal.ComponentTests.Shared;
using MerchantPortal.Testing;
using MerchantPortal.Web.Features.Catalog;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.ComponentTests.Catalog;

/// <summary>The create/edit item form against the real catalog service on a SQLite database.</summary>
public sealed class CatalogItemFormTests : PortalComponentTest, IAsyncLifetime
{
    private CoreTestHost _core = default!;

    private CatalogService Catalog => _core.Get<CatalogService>();

    async Task IAsyncLifetime.InitializeAsync()
    {
        _core = await CoreTestHost.StartAsync();
        Services.AddSingleton(Catalog);
        SignInAs(Roles.Admin, userId: "admin-1");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _core.DisposeAsync();
    }

    [Fact]
    public async Task A_quantity_range_the_service_rejects_is_shown_at_the_maximum_quantity_and_nothing_is_saved()
    {
        var form = Render<CatalogItemForm>();
        FillKeyBasics(form, "GAME-1");
        form.Find("[data-testid='item-unit-price']").Change("9.99");
        form.Find("[data-testid='item-min-quantity']").Change("5");
        form.Find("[data-testid='item-max-quantity']").Change("2");

        form.Find("[data-testid='item-save']").Click();

        form.WaitForAssertion(() => Assert.Equal(CatalogErrors.QuantityBoundsInvalid.Message, MessageFor(form, "item-max-quantity")));
        Assert.Equal("", MessageFor(form, "item-unit-price"));
        Assert.Empty(form.FindAll("[data-testid='item-form-error']"));
        Assert.Equal(0, (await Catalog.SearchAsync(new CatalogQuery(IncludeInactive: true), Actor.System)).TotalCount);
    }

    [Fact]
    public async Task Every_missing_or_invalid_input_is_reported_at_once_in_the_services_words_and_the_first_is_focused()
    {
        var focus = JSInterop.SetupModule("./js/form-focus.js");
        var form = Render<CatalogItemForm>();
        form.Find("[data-testid='item-currency']").Change("ZZZ");
        form.Find("[data-testid='item-fee']").Change("1.555");

        form.Find("[data-testid='item-save']").Click();

        // The SKU and name lines also carry their counters ("0 / 64").
        form.WaitForAssertion(() => Assert.StartsWith(CatalogErrors.SkuRequired.Message, MessageFor(form, "item-sku"), StringComparison.Ordinal));
        Assert.StartsWith(CatalogErrors.NameRequired.Message, MessageFor(form, "item-name"), StringComparison.Ordinal);
        Assert.Equal(CatalogErrors.CurrencyInvalid.Message, MessageFor(form, "item-currency"));
        Assert.Equal(CatalogErrors.PriceInvalid.Message, MessageFor(form, "item-unit-price"));
        Assert.Equal(CatalogErrors.PercentTooPrecise("fee").Message, MessageFor(form, "item-fee"));
        Assert.Equal("true", form.Find("[data-testid='item-sku']").GetAttribute("aria-invalid"));
        form.WaitForAssertion(() => focus.VerifyInvoke("focusFirstInvalid"));
        Assert.Empty(form.FindAll("[data-testid='item-form-error']"));
        Assert.Equal(0, (await Catalog.SearchAsync(new CatalogQuery(IncludeInactive: true), Actor.System)).TotalCount);
    }

    [Fact]
    public async Task A_top_up_missing_its_face_values_and_rate_is_told_so_at_each_input_by_the_service()
    {
        var focus = JSInterop.SetupModule("./js/form-focus.js");
        var form = Render<CatalogItemForm>();
        FillKeyBasics(form, "TOPUP-2");
        form.Find("[data-testid='item-type-top_up']").Click();
        form.Find("[data-testid='item-rate']").Change("");

        form.Find("[data-testid='item-save']").Click();

        form.WaitForAssertion(() => Assert.Equal(CatalogErrors.AmountBoundsInvalid.Message, MessageFor(form, "item-max-amount")));
        Assert.Equal(CatalogErrors.RateInvalid.Message, MessageFor(form, "item-rate"));
        form.WaitForAssertion(() => focus.VerifyInvoke("focusFirstInvalid"));
        Assert.Equal(0, (await Catalog.SearchAsync(new CatalogQuery(IncludeInactive: true), Actor.System)).TotalCount);
    }

    [Fact]
    public async Task A_price_above_the_services_limit_is_reported_at_the_price()
    {
        var form = Render<CatalogItemForm>();
        FillKeyBasics(form, "HUGE-1");
        form.Find("[data-testid='item-unit-price']").Change("100000000000000000000");

        form.Find("[data-testid='item-save']").Click();

        form.WaitForAssertion(() => Assert.Equal(CatalogErrors.AmountTooLarge("unit_price", "USD").Message, MessageFor(form, "item-unit-price")));
        Assert.Equal(0, (await Catalog.SearchAsync(new CatalogQuery(IncludeInactive: true), Actor.System)).TotalCount);
    }

    [Theory]
    [InlineData("item-sku", CatalogItemRules.MaxSkuLength, "SKU_INVALID")]
    [InlineData("item-name", CatalogItemRules.MaxNameLength, "NAME_TOO_LONG")]
    [InlineData("item-description", CatalogItemRules.MaxDescriptionLength, "DESCRIPTION_TOO_LONG")]
    public async Task Text_longer_than_the_service_takes_is_kept_and_shown_at_its_input_and_by_the_service_on_save(string testId, int limit, string code)
    {
        var form = Render<CatalogItemForm>();
        FillKeyBasics(form, "LONG-1");
        form.Find("[data-testid='item-unit-price']").Change("5");
        var message = new[] { CatalogErrors.SkuInvalid, CatalogErrors.NameTooLong, CatalogErrors.DescriptionTooLong }.Single(e => e.Code == code).Message;

        CountedInput.AssertTooLongIsShownNotCut(form, testId, limit, message);
        form.Find("[data-testid='item-save']").Click();

        form.WaitForAssertion(() => Assert.StartsWith(message, CountedInput.HelperText(form, testId), StringComparison.Ordinal));
        Assert.Equal(0, (await Catalog.SearchAsync(new CatalogQuery(IncludeInactive: true), Actor.System)).TotalCount);
    }

    [Fact]
    public async Task A_SKU_another_item_uses_is_shown_at_the_SKU_field()
    {
        var existing = await _core.Catalog.KeyItemAsync();
        var form = Render<CatalogItemForm>();
        FillKeyBasics(form, existing.Sku.ToLowerInvariant());
        form.Find("[data-testid='item-unit-price']").Change("5");

        form.Find("[data-testid='item-save']").Click();

        form.WaitForAssertion(() => Assert.StartsWith(CatalogErrors.SkuTaken.Message, MessageFor(form, "item-sku"), StringComparison.Ordinal));
        Assert.Equal(1, (await Catalog.SearchAsync(new CatalogQuery(IncludeInactive: true), Actor.System)).TotalCount);
    }

    [Fact]
    public void Face_value_inputs_appear_only_for_top_ups()
    {
        var form = Render<CatalogItemForm>();
        Assert.Empty(form.FindAll("[data-testid='item-min-amount']"));
        Assert.Single(form.FindAll("[data-testid='item-unit-price']"));

        form.Find("[data-testid='item-type-top_up']").Click();

        form.WaitForAssertion(() => Assert.Single(form.FindAll("[data-testid='item-min-amount']")));
        Assert.Single(form.FindAll("[data-testid='item-max-amount']"));
        Assert.Single(form.FindAll("[data-testid='item-step']"));
        Assert.Single(form.FindAll("[data-testid='item-rate']"));
        Assert.Empty(form.FindAll("[data-testid='item-unit-price']"));
        Assert.Empty(form.FindAll("[data-testid='item-max-quantity']"));
        Assert.Single(form.FindAll("[data-testid='item-fulfilment']"));

        form.Find("[data-testid='item-type-service']").Click();

        form.WaitForAssertion(() => Assert.Empty(form.FindAll("[data-testid='item-min-amount']")));
        Assert.Empty(form.FindAll("[data-testid='item-rate']"));
        Assert.Single(form.FindAll("[data-testid='item-unit-price']"));
        Assert.Empty(form.FindAll("[data-testid='item-max-quantity']"));
    }

    [Fact]
    public async Task A_face_value_with_more_decimals_than_the_currency_has_is_shown_at_that_input()
    {
        var form = Render<CatalogItemForm>();
        FillKeyBasics(form, "TOPUP-1");
        form.Find("[data-testid='item-type-top_up']").Click();
        form.Find("[data-testid='item-min-amount']").Change("5.001");
        form.Find("[data-testid='item-max-amount']").Change("100");
        form.Find("[data-testid='item-step']").Change("5");

        form.Find("[data-testid='item-save']").Click();

        form.WaitForAssertion(() => Assert.Equal("USD amounts have at most 2 decimal places, like 1.50.", MessageFor(form, "item-min-amount")));
        Assert.Equal("", MessageFor(form, "item-max-amount"));
        Assert.Equal("", MessageFor(form, "item-step"));
        Assert.Equal(0, (await Catalog.SearchAsync(new CatalogQuery(IncludeInactive: true), Actor.System)).TotalCount);
    }

    [Fact]
    public async Task A_price_in_a_currency_without_minor_units_must_be_whole()
    {
        var form = Render<CatalogItemForm>();
        FillKeyBasics(form, "YEN-1");
        form.Find("[data-testid='item-currency']").Change("jpy");
        form.Find("[data-testid='item-unit-price']").Change("1200.5");

        form.Find("[data-testid='item-save']").Click();

        form.WaitForAssertion(() => Assert.Equal("JPY has no minor unit: enter a whole amount.", MessageFor(form, "item-unit-price")));
        Assert.Equal(0, (await Catalog.SearchAsync(new CatalogQuery(IncludeInactive: true), Actor.System)).TotalCount);
    }

    [Fact]
    public async Task A_valid_top_up_is_saved_in_minor_units_and_basis_points_and_opens_its_page()
    {
        var form = Render<CatalogItemForm>();
        FillKeyBasics(form, "TOPUP-EUR");
        form.Find("[data-testid='item-currency']").Change("EUR");
        form.Find("[data-testid='item-type-top_up']").Click();
        form.Find("[data-testid='item-min-amount']").Change("5");
        form.Find("[data-testid='item-max-amount']").Change("100.00");
        form.Find("[data-testid='item-step']").Change("2.50");
        form.Find("[data-testid='item-rate']").Change("97.5");
        form.Find("[data-testid='item-fee']").Change("1.25");
        form.Find("[data-testid='fields-add-text']").Click();
        form.Find("[data-testid='field-0-label']").Change("Phone number");
        form.Find("[data-testid='field-0-pattern']").Change(@"\+\d{8,15}");

        form.Find("[data-testid='item-save']").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        form.WaitForAssertion(() => Assert.Matches(@"/catalog/\d+$", navigation.Uri));
        var saved = (await Catalog.GetAsync(long.Parse(navigation.Uri.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture), Actor.System))!.Item;
        Assert.Equal((ProductType.TopUp, "EUR"), (saved.Type, saved.Currency));
        Assert.Equal((500L, 10_000L, 250L), (saved.MinAmountMinor, saved.MaxAmountMinor, saved.StepMinor));
        Assert.Equal((9_750L, 125, (int?)null), (saved.RateBasisPoints, saved.FeeBasisPoints, saved.TaxBasisPoints));
        var field = Assert.Single(saved.Fields);
        Assert.Equal(("phone_number", "Phone number", @"\+\d{8,15}"), (field.Key, field.Label, field.Pattern));
    }

    [Fact]
    public async Task Editing_shows_the_saved_amounts_in_major_units_and_saves_changes()
    {
        var existing = await _core.Catalog.KeyItemAsync(unitPriceMinor: 1_250, maxQuantity: 20);
        var form = Render<CatalogItemForm>(p => p.Add(x => x.Existing, existing));
        Assert.Equal("12.50", form.Find("[data-testid='item-unit-price']").GetAttribute("value"));
        Assert.Equal("20", form.Find("[data-testid='item-max-quantity']").GetAttribute("value"));

        form.Find("[data-testid='item-unit-price']").Change("13.75");
        form.Find("[data-testid='item-tax']").Change("20");
        form.Find("[data-testid='item-save']").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        form.WaitForAssertion(() => Assert.EndsWith($"/catalog/{existing.Id}", navigation.Uri, StringComparison.Ordinal));
        var saved = (await Catalog.GetAsync(existing.Id, Actor.System))!.Item;
        Assert.Equal((1_375L, 20, (int?)2_000), (saved.UnitPriceMinor, saved.MaxQuantity, saved.TaxBasisPoints));
    }

    private static void FillKeyBasics(IRenderedComponent<CatalogItemForm> form, string sku)
    {
        form.Find("[data-testid='item-sku']").Input(sku);
        form.Find("[data-testid='item-name']").Input("Starfall gift card");
    }

    /// <summary>The helper/error line shown under the input.</summary>
    private static string MessageFor(IRenderedComponent<CatalogItemForm> form, string testId)
    {
        var input = form.Find($"[data-testid='{testId}']").Closest(".mud-input-control")!;
        return input.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() ?? "";
    }
}
