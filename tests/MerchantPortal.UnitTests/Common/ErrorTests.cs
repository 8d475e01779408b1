using MerchantPortal.Catalog;
using MerchantPortal.Common;
using MerchantPortal.Customers;
using MerchantPortal.Ledger;
using MerchantPortal.Orders;
using MerchantPortal.Payments;
using MerchantPortal.Refunds;

namespace MerchantPortal.UnitTests.Common;

public sealed class ErrorTests
{
    [Fact]
    public void An_error_about_a_field_is_a_validation_error_and_any_other_breaks_a_rule()
    {
        Assert.Equal(ErrorKind.Validation, new Error("X", "Bad.", "field").Kind);
        Assert.Equal(ErrorKind.Rule, new Error("X", "Not now.").Kind);
        Assert.Equal(ErrorKind.Conflict, new Error("X", "Taken.", "field") { Kind = ErrorKind.Conflict }.Kind);
        Assert.Empty(new Error("X", "Bad.", "field").Errors);
    }

    [Fact]
    public void Each_error_says_what_sort_of_failure_it_is()
    {
        Assert.Equal(ErrorKind.NotFound, OrderErrors.NotFound.Kind);
        Assert.Equal(ErrorKind.NotFound, CatalogErrors.NotFound.Kind);
        Assert.Equal(ErrorKind.Validation, OrderErrors.ItemNotFound(0).Kind);
        Assert.Equal(ErrorKind.Conflict, OrderErrors.IdempotencyKeyConflict.Kind);
        Assert.Equal(ErrorKind.Conflict, OrderErrors.DuplicateMerchantOrderId.Kind);
        Assert.Equal(ErrorKind.Conflict, RefundErrors.Conflict.Kind);
        Assert.Equal(ErrorKind.Forbidden, OrderErrors.CancelNotAllowed.Kind);
        Assert.Equal(ErrorKind.Forbidden, RefundErrors.NotAllowed.Kind);
        Assert.Equal(ErrorKind.Forbidden, OrderErrors.MerchantNotAllowed.Kind);
        Assert.Equal(ErrorKind.Forbidden, CustomerErrors.MerchantNotAllowed.Kind);
        Assert.Equal(ErrorKind.Unavailable, PaymentErrors.StripeUnavailable.Kind);
        Assert.Equal(ErrorKind.Rule, LedgerErrors.InsufficientBalance.Kind);
        Assert.Equal(ErrorKind.Rule, OrderErrors.ItemInactive(0, "Gift card").Kind);
        Assert.Equal(ErrorKind.Rule, PaymentErrors.Declined("Declined.").Kind);
        Assert.Equal(ErrorKind.Rule, RefundErrors.NothingToRefund.Kind);
        Assert.Equal(ErrorKind.Validation, OrderErrors.ExternalReferenceTooLong.Kind);
    }

    [Fact]
    public void A_combined_validation_failure_counts_its_fields_and_carries_each_error()
    {
        Error[] errors = [OrderErrors.QuantityNotWhole(0), OrderErrors.ItemNotFound(1), OrderErrors.NotesTooLong];

        var combined = Error.Validation(errors);

        Assert.Equal("VALIDATION_FAILED", combined.Code);
        Assert.Equal("The request has 3 invalid fields.", combined.Message);
        Assert.Equal(ErrorKind.Validation, combined.Kind);
        Assert.Null(combined.Field);
        Assert.Equal(errors, combined.Errors);
        Assert.Equal(errors, combined.Flatten());
    }

    [Fact]
    public void A_combined_failure_of_one_error_shows_that_errors_message()
    {
        var combined = Error.Validation([OrderErrors.NotesTooLong]);

        Assert.Equal("VALIDATION_FAILED", combined.Code);
        Assert.Equal(OrderErrors.NotesTooLong.Message, combined.Message);
        Assert.Equal([OrderErrors.NotesTooLong], combined.Errors);
    }

    [Fact]
    public void Combining_returns_nothing_for_no_errors_the_error_itself_for_one_and_one_failure_for_several()
    {
        Assert.Null(Error.Combine([]));
        Assert.Same(OrderErrors.NotesTooLong, Error.Combine([OrderErrors.NotesTooLong]));
        Assert.Equal([OrderErrors.NotesTooLong], OrderErrors.NotesTooLong.Flatten());

        var nested = Error.Combine([OrderErrors.NotesTooLong, Error.Validation([OrderErrors.TagsInvalid, OrderErrors.MetadataInvalid])]);

        Assert.Equal("The request has 3 invalid fields.", nested!.Message);
        Assert.Equal(["notes", "tags", "metadata"], nested.Errors.Select(e => e.Field));
    }
}
