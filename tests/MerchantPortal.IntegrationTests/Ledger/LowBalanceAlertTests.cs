using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Data;
using MerchantPortal.Email;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Ledger;

/// <summary>The low-balance threshold: set by admins, a banner while below, one email per crossing, re-armed above.</summary>
public sealed class LowBalanceAlertTests : CoreServiceTest
{
    private readonly CapturedEmails _emails = new();

    private LedgerService Ledger => Host.Get<LedgerService>();

    protected override Task<CoreTestHost> StartHostAsync() =>
        CoreTestHost.StartAsync(services => services.AddSingleton<IEmailTransport>(_emails));

    [Fact]
    public async Task Crossing_below_the_threshold_emails_each_merchant_user_once_and_going_back_above_rearms_it()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        await AddUserAsync(merchant.Id, "owner@merchant.example");
        await AddUserAsync(merchant.Id, "clerk@merchant.example");
        await AddUserAsync(null, "support@portal.example");
        Assert.True((await Ledger.SetLowBalanceThresholdAsync(new SetLowBalanceThreshold(merchant.Id, 50m), TestActors.Admin)).Succeeded);

        await DebitAsync(merchant.Id, 30m);
        await Host.DrainJobsAsync();
        Assert.Empty(_emails.Sent);

        await DebitAsync(merchant.Id, 30m);
        await DebitAsync(merchant.Id, 10m);
        await Host.DrainJobsAsync();
        Assert.Equal(["clerk@merchant.example", "owner@merchant.example"], _emails.Sent.Select(e => e.To).Order());
        Assert.Contains("$40.00", _emails.LastTo("owner@merchant.example").HtmlBody, StringComparison.Ordinal);
        Assert.True((await Ledger.GetLowBalanceAsync(merchant.Id, TestActors.MerchantUser(merchant.Id)))!.IsLow);

        await CreditAsync(merchant.Id, 50m);
        Assert.False((await Ledger.GetLowBalanceAsync(merchant.Id, TestActors.MerchantUser(merchant.Id)))!.IsLow);
        await DebitAsync(merchant.Id, 40m);
        await Host.DrainJobsAsync();
        Assert.Equal(4, _emails.Sent.Count);
    }

    [Fact]
    public async Task A_balance_that_stays_below_the_threshold_after_a_credit_is_not_emailed_again()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        await AddUserAsync(merchant.Id, "owner@merchant.example");
        await Ledger.SetLowBalanceThresholdAsync(new SetLowBalanceThreshold(merchant.Id, 50m), TestActors.Admin);

        await DebitAsync(merchant.Id, 70m);
        await CreditAsync(merchant.Id, 10m);
        await DebitAsync(merchant.Id, 10m);
        await Host.DrainJobsAsync();

        Assert.Single(_emails.Sent);
    }

    [Fact]
    public async Task Two_debits_crossing_the_threshold_at_once_send_one_email()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 60m);
        await AddUserAsync(merchant.Id, "owner@merchant.example");
        await Ledger.SetLowBalanceThresholdAsync(new SetLowBalanceThreshold(merchant.Id, 50m), TestActors.Admin);

        var debits = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() => Ledger.AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Debit, 20m, "Chargeback", $"race-{i}"), TestActors.Admin))));
        await Host.DrainJobsAsync();

        Assert.All(debits, d => Assert.True(d.Succeeded, d.Error?.Message));
        Assert.Equal(2000, (await Ledger.GetBalanceAsync(merchant.Id, Actor.System))!.Value.Minor);
        Assert.Single(_emails.Sent);
    }

    [Fact]
    public async Task Setting_a_threshold_above_the_balance_shows_the_banner_without_an_email()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 10m);
        await AddUserAsync(merchant.Id, "owner@merchant.example");

        var status = await Ledger.SetLowBalanceThresholdAsync(new SetLowBalanceThreshold(merchant.Id, 25m), TestActors.Admin);
        await DebitAsync(merchant.Id, 1m);
        await Host.DrainJobsAsync();

        Assert.True(status.Value.IsLow);
        Assert.Empty(_emails.Sent);
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.LowBalanceThresholdSet && e.MerchantId == merchant.Id));
    }

    [Fact]
    public async Task An_invalid_threshold_reports_every_problem_at_its_field_and_changes_nothing()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 10m);
        await Ledger.SetLowBalanceThresholdAsync(new SetLowBalanceThreshold(merchant.Id, 5m), TestActors.Admin);

        var result = await Ledger.SetLowBalanceThresholdAsync(new SetLowBalanceThreshold(merchant.Id, -1.005m), TestActors.Admin);
        var tooLarge = await Ledger.SetLowBalanceThresholdAsync(new SetLowBalanceThreshold(merchant.Id, 1_000_000_000_000m), TestActors.Admin);

        Assert.Equal(Error.ValidationFailedCode, result.Error!.Code);
        Assert.Equal(["THRESHOLD_INVALID", "THRESHOLD_INVALID"], result.Error.Errors.Select(e => e.Code));
        Assert.All(result.Error.Errors, e => Assert.Equal("threshold", e.Field));
        Assert.Equal(("THRESHOLD_TOO_LARGE", "threshold"), (tooLarge.Error!.Code, tooLarge.Error.Field));
        Assert.Equal(500, (await Ledger.GetLowBalanceAsync(merchant.Id, Actor.System))!.Threshold!.Value.Minor);
    }

    [Fact]
    public async Task Only_admins_set_the_threshold()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 10m);

        var byMerchant = await Ledger.SetLowBalanceThresholdAsync(new SetLowBalanceThreshold(merchant.Id, 5m), TestActors.MerchantUser(merchant.Id));
        var bySupport = await Ledger.SetLowBalanceThresholdAsync(new SetLowBalanceThreshold(merchant.Id, 5m), TestActors.Support);

        Assert.Equal(ErrorKind.Forbidden, byMerchant.Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, bySupport.Error!.Kind);
        Assert.Null((await Ledger.GetLowBalanceAsync(merchant.Id, Actor.System))!.Threshold);
    }

    [Fact]
    public async Task An_order_paid_from_the_balance_that_crosses_the_threshold_emails_once()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 10m);
        await AddUserAsync(merchant.Id, "owner@merchant.example");
        await Ledger.SetLowBalanceThresholdAsync(new SetLowBalanceThreshold(merchant.Id, 6m), TestActors.Admin);
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: 300, codes: 5);
        var orders = new TestOrders(Host.Services);

        await orders.PlaceKeyOrderAsync(merchant.Id, item.Id);
        await orders.PlaceKeyOrderAsync(merchant.Id, item.Id);
        await orders.PlaceKeyOrderAsync(merchant.Id, item.Id);
        await Host.DrainJobsAsync();

        Assert.Single(_emails.Sent);
    }

    private async Task DebitAsync(Guid merchantId, decimal amount) => Assert.True((await Ledger.AdjustAsync(
        new AdjustBalance(merchantId, BalanceDirection.Debit, amount, "Test debit", Guid.NewGuid().ToString()), TestActors.Admin)).Succeeded);

    private async Task CreditAsync(Guid merchantId, decimal amount) => Assert.True((await Ledger.AdjustAsync(
        new AdjustBalance(merchantId, BalanceDirection.Credit, amount, "Test credit", Guid.NewGuid().ToString()), TestActors.Admin)).Succeeded);

    private async Task AddUserAsync(Guid? merchantId, string email)
    {
        await using var db = await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();
        db.Users.Add(new PortalUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = email, MerchantId = merchantId,
        });
        await db.SaveChangesAsync();
    }
}
