using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Customers;
using MerchantPortal.Data;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.IntegrationTests.Customers;

/// <summary>Editing a customer's details and notes on a real SQLite database: validation, duplicates, who may, and the audit trail.</summary>
public sealed class CustomerEditingTests : CoreServiceTest
{
    private static readonly string[] EveryField = ["customer.name", "customer.email", "customer.phone", "customer.notes"];

    private CustomerService Customers => Host.Get<CustomerService>();

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once_and_nothing_changes()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var amara = await CustomerAsync(merchant.Id, "amara@example.test", "Amara Haddad");

        var edited = await Customers.UpdateAsync(amara.Id, new UpdateCustomer(
            new string('n', CustomerErrors.MaxNameLength + 1), "not-an-email", "12", new string('x', CustomerErrors.MaxNotesLength + 1)),
            TestActors.MerchantUser(merchant.Id));

        Assert.Equal(Error.ValidationFailedCode, edited.Error!.Code);
        Assert.Equal(EveryField, edited.Error.Flatten().Select(e => e.Field));
        var profile = await Customers.GetProfileAsync(amara.Id, TestActors.Admin);
        Assert.Equal(("Amara Haddad", "amara@example.test", (string?)null), (profile!.Name, profile.Summary.Email, profile.Notes));
    }

    [Fact]
    public async Task An_email_another_customer_of_the_merchant_has_is_an_error_at_the_email()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        await CustomerAsync(merchant.Id, "amara@example.test", "Amara Haddad");
        var nia = await CustomerAsync(merchant.Id, "nia@example.test", "Nia Brooks");

        var edited = await Customers.UpdateAsync(nia.Id, new UpdateCustomer("Nia Brooks", " AMARA@example.test ", null, null),
            TestActors.MerchantUser(merchant.Id));

        Assert.Equal((CustomerErrors.ExistsCode, "customer.email", ErrorKind.Conflict), (edited.Error!.Code, edited.Error.Field, edited.Error.Kind));
    }

    [Fact]
    public async Task The_same_email_at_another_merchant_is_free()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var other = await Host.Catalog.MerchantAsync();
        await CustomerAsync(other.Id, "amara@example.test", "Amara at the other shop");
        var nia = await CustomerAsync(merchant.Id, "nia@example.test", "Nia Brooks");

        var edited = await Customers.UpdateAsync(nia.Id, new UpdateCustomer("Nia Brooks", "amara@example.test", null, null),
            TestActors.MerchantUser(merchant.Id));

        Assert.Equal("amara@example.test", edited.Value.Summary.Email);
    }

    [Fact]
    public async Task A_merchant_user_cannot_see_or_edit_another_merchants_customer_and_support_only_reads()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var other = await Host.Catalog.MerchantAsync();
        var amara = await CustomerAsync(merchant.Id, "amara@example.test", "Amara Haddad");
        var change = new UpdateCustomer("Someone else", "amara@example.test", null, null);

        var byOtherMerchant = await Customers.UpdateAsync(amara.Id, change, TestActors.MerchantUser(other.Id));
        var bySupport = await Customers.UpdateAsync(amara.Id, change, TestActors.Support);

        Assert.Equal(CustomerErrors.NotFound.Code, byOtherMerchant.Error!.Code);
        Assert.Null(await Customers.GetProfileAsync(amara.Id, TestActors.MerchantUser(other.Id)));
        Assert.Equal((CustomerErrors.EditNotAllowed.Code, ErrorKind.Forbidden), (bySupport.Error!.Code, bySupport.Error.Kind));
        Assert.Equal("Amara Haddad", (await Customers.GetProfileAsync(amara.Id, TestActors.Support))!.Name);
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.CustomerUpdated));
    }

    [Fact]
    public async Task An_edit_is_saved_and_audited_with_each_changed_value_before_and_after()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var amara = await CustomerAsync(merchant.Id, "amara@example.test", "Amara Haddad");

        var edited = await Customers.UpdateAsync(amara.Id, new UpdateCustomer("Amara H.", "amara@example.test", "+44 7700 900123", "  Prefers email  "),
            TestActors.MerchantUser(merchant.Id));

        Assert.Equal(("Amara H.", "+447700900123", "Prefers email"), (edited.Value.Name, edited.Value.Summary.Phone, edited.Value.Notes));
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.CustomerUpdated);
        Assert.Equal(("customer", amara.Id.ToString(), merchant.Id, "merchant-user"), (entry.TargetType, entry.TargetId, entry.MerchantId, entry.ActorId));
        Assert.Equal(
            "Changed customer Amara Haddad: name \"Amara Haddad\" → \"Amara H.\"; phone (none) → \"+447700900123\"; notes (none) → \"Prefers email\"",
            entry.Details);
    }

    [Fact]
    public async Task An_edit_from_a_stale_form_is_refused()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var amara = await CustomerAsync(merchant.Id, "amara@example.test", "Amara Haddad");
        var version = (await Customers.GetProfileAsync(amara.Id, TestActors.Admin))!.Version;
        await Customers.UpdateAsync(amara.Id, new UpdateCustomer("First", "amara@example.test", null, null, version), TestActors.Admin);

        var stale = await Customers.UpdateAsync(amara.Id, new UpdateCustomer("Second", "amara@example.test", null, null, version), TestActors.Admin);

        Assert.Equal(CustomerErrors.ChangedElsewhere.Code, stale.Error!.Code);
    }

    [Fact]
    public async Task Clearing_both_email_and_phone_is_refused()
    {
        var merchant = await Host.Catalog.MerchantAsync();
        var amara = await CustomerAsync(merchant.Id, "amara@example.test", "Amara Haddad");

        var edited = await Customers.UpdateAsync(amara.Id, new UpdateCustomer("Amara", " ", null, null), TestActors.Admin);

        Assert.Equal((CustomerErrors.ContactRequired.Code, "customer.email"), (edited.Error!.Code, edited.Error.Field));
    }

    private async Task<CustomerSummary> CustomerAsync(Guid merchant, string email, string name) =>
        (await Customers.FindOrCreateAsync(merchant, new CustomerRef(Email: email, Name: name), TestCatalog.Admin)).Value;
}
