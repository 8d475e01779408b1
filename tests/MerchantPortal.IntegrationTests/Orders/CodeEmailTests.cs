using MerchantPortal.Auditing;
using MerchantPortal.Catalog;
using MerchantPortal.Data;
using MerchantPortal.Email;
using MerchantPortal.Identity;
using MerchantPortal.Jobs;
using MerchantPortal.Orders;
using MerchantPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MerchantPortal.IntegrationTests.Orders;

/// <summary>Sending an order's delivered codes to its customer: recorded, audited, once per click intent, through the outbox.</summary>
public sealed class CodeEmailTests : CoreServiceTest
{
    private readonly FlakyEmails _emails = new();

    private CodeEmailService CodeEmails => Host.Get<CodeEmailService>();

    protected override Task<CoreTestHost> StartHostAsync() =>
        CoreTestHost.StartAsync(services => services.AddSingleton<IEmailTransport>(_emails));

    [Fact]
    public async Task Sending_the_codes_records_it_on_the_timeline_audits_it_and_emails_the_customer_once_the_job_runs()
    {
        var (order, codes) = await DeliveredOrderAsync(units: 2, email: "ada@example.com");

        var sent = await CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, "click-1"), MerchantUser(order));

        Assert.True(sent.Succeeded, sent.Error?.Message);
        Assert.Equal(("ada@example.com", 2, CodeEmailStatus.Queued, false), (sent.Value.ToAddress, sent.Value.CodeCount, sent.Value.Status, sent.Value.Replayed));
        Assert.Empty(_emails.Sent);

        await Host.DrainJobsAsync();

        var email = Assert.Single(_emails.Sent);
        Assert.Equal("ada@example.com", email.To);
        Assert.All(codes, c => Assert.Contains(c, email.HtmlBody, StringComparison.Ordinal));
        await using var db = await DbAsync();
        var events = await db.OrderEvents.Where(e => e.OrderId == order.Id).Select(e => e.Type).ToListAsync();
        Assert.Contains(OrderEventTypes.CodesEmailRequested, events);
        Assert.Contains(OrderEventTypes.CodesEmailed, events);
        var audit = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.OrderCodesEmailed);
        Assert.Equal(("order", order.Id.ToString(), order.MerchantId), (audit.TargetType, audit.TargetId, audit.MerchantId));
        Assert.Equal(CodeEmailStatus.Sent, (await db.CodeEmails.SingleAsync()).Status);
    }

    [Fact]
    public async Task A_double_click_sends_one_email()
    {
        var (order, _) = await DeliveredOrderAsync();
        var actor = MerchantUser(order);

        var both = await Task.WhenAll(
            Task.Run(() => CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, "same-click"), actor)),
            Task.Run(() => CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, "same-click"), actor)));
        var again = await CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, "same-click"), actor);
        await Host.DrainJobsAsync();

        Assert.All(both, r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Single(both.Select(r => r.Value.Id).Append(again.Value.Id).Distinct());
        Assert.True(again.Value.Replayed);
        Assert.Single(_emails.Sent);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.CodeEmails.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.OrderCodesEmailed));
        Assert.Equal(1, await db.OrderEvents.CountAsync(e => e.OrderId == order.Id && e.Type == OrderEventTypes.CodesEmailRequested));
    }

    [Fact]
    public async Task A_second_click_intent_sends_a_second_email()
    {
        var (order, _) = await DeliveredOrderAsync();

        await CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, "first"), MerchantUser(order));
        await CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, "second"), MerchantUser(order));
        await Host.DrainJobsAsync();

        Assert.Equal(2, _emails.Sent.Count);
    }

    [Fact]
    public async Task Only_people_who_may_see_the_orders_codes_may_send_them()
    {
        var (order, _) = await DeliveredOrderAsync();
        var other = await Host.Catalog.MerchantAsync();
        var apiKey = Actor.ApiKey("key-1", "ERP", order.MerchantId, new HashSet<string>(Scopes.All));

        var otherMerchant = await CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, "k1"), TestActors.MerchantUser(other.Id));
        var byApiKey = await CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, "k2"), apiKey);
        var bySystem = await CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, "k3"), Actor.System);
        var bySupport = await CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, "k4"), TestActors.Support);

        Assert.Equal("ORDER_NOT_FOUND", otherMerchant.Error!.Code);
        Assert.Equal("CODES_NOT_ALLOWED", byApiKey.Error!.Code);
        Assert.Equal("CODES_NOT_ALLOWED", bySystem.Error!.Code);
        Assert.True(bySupport.Succeeded, bySupport.Error?.Message);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.CodeEmails.CountAsync());
    }

    [Fact]
    public async Task An_order_without_delivered_codes_or_customer_email_sends_nothing_and_says_why()
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: 0);
        var order = (await new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant.Id, item.Id)).Order;
        await Host.DrainJobsAsync();

        var result = await CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, "k"), TestActors.MerchantUser(merchant.Id));

        Assert.Equal("NO_DELIVERED_CODES", result.Error!.Code);
        var blankKey = await CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, " "), TestActors.MerchantUser(merchant.Id));
        Assert.Equal(("REQUEST_KEY_REQUIRED", "request_key"), (blankKey.Error!.Code, blankKey.Error.Field));
        await using var db = await DbAsync();
        Assert.Equal(0, await db.CodeEmails.CountAsync());
        Assert.Equal(0, await db.OutboxJobs.CountAsync(j => j.Type == JobTypes.SendCodesEmail));
    }

    [Fact]
    public async Task A_crash_before_the_commit_records_and_sends_nothing()
    {
        var (order, _) = await DeliveredOrderAsync();
        Host.Get<FailingCommits>().FailCommit();

        await Assert.ThrowsAsync<InvalidOperationException>(() => CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, "k"), MerchantUser(order)));
        await Host.DrainJobsAsync();

        Assert.Empty(_emails.Sent);
        await using var db = await DbAsync();
        Assert.Equal(0, await db.CodeEmails.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.OrderCodesEmailed));
    }

    [Fact]
    public async Task A_crash_after_the_commit_still_sends_the_email_once_the_job_runs()
    {
        var (order, _) = await DeliveredOrderAsync();

        await CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, "k"), MerchantUser(order));

        // The process stops here: nothing was sent, but the job was committed with the request.
        await using (var db = await DbAsync())
        {
            Assert.Equal(JobStatus.Pending, (await db.OutboxJobs.SingleAsync(j => j.Type == JobTypes.SendCodesEmail)).Status);
        }

        await Host.DrainJobsAsync("restarted-worker");
        Assert.Single(_emails.Sent);
    }

    [Fact]
    public async Task A_mail_server_failure_is_retried_and_a_job_that_runs_again_after_the_send_sends_nothing()
    {
        var (order, _) = await DeliveredOrderAsync();
        await CodeEmails.SendAsync(new SendCodesToCustomer(order.Id, "k"), MerchantUser(order));
        var handler = Host.Services.GetServices<IJobHandler>().Single(h => h.JobType == JobTypes.SendCodesEmail);
        string payload;
        await using (var db = await DbAsync())
        {
            payload = (await db.OutboxJobs.SingleAsync(j => j.Type == JobTypes.SendCodesEmail)).Payload;
        }

        _emails.FailNext = true;
        await Assert.ThrowsAnyAsync<Exception>(() => handler.HandleAsync(payload, CancellationToken.None));
        await handler.HandleAsync(payload, CancellationToken.None);
        // A worker whose lease expired runs the same job again after it was recorded as sent.
        await handler.HandleAsync(payload, CancellationToken.None);

        Assert.Single(_emails.Sent);
        await using var after = await DbAsync();
        Assert.Equal(1, await after.OrderEvents.CountAsync(e => e.OrderId == order.Id && e.Type == OrderEventTypes.CodesEmailed));
    }

    [Fact]
    public async Task The_printable_sheet_holds_only_the_orders_delivered_codes_and_reading_it_is_audited()
    {
        var (order, codes) = await DeliveredOrderAsync(units: 2);
        var (_, otherCodes) = await DeliveredOrderAsync(units: 1);

        var sheet = await CodeEmails.ReadSheetAsync(order.Id, "Printed", MerchantUser(order));

        Assert.True(sheet.Succeeded, sheet.Error?.Message);
        Assert.Equal(codes.Order(), sheet.Value.Codes.Select(c => c.Code).Order());
        Assert.DoesNotContain(sheet.Value.Codes, c => otherCodes.Contains(c.Code));
        var byOther = await CodeEmails.ReadSheetAsync(order.Id, "Printed", TestActors.MerchantUser(Guid.NewGuid()));
        Assert.Equal("ORDER_NOT_FOUND", byOther.Error!.Code);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.OrderCodesExported && e.TargetId == order.Id.ToString()));
    }

    [Fact]
    public async Task Staff_cannot_print_or_download_an_orders_codes_and_nothing_is_recorded()
    {
        var (order, _) = await DeliveredOrderAsync(units: 2);

        var bySupport = await CodeEmails.ReadSheetAsync(order.Id, "Printed", TestActors.Support);
        var byAdmin = await CodeEmails.ReadSheetAsync(order.Id, "Downloaded", TestActors.Admin);

        Assert.Equal(("CODES_EXPORT_MERCHANT_ONLY", "CODES_EXPORT_MERCHANT_ONLY"), (bySupport.Error!.Code, byAdmin.Error!.Code));
        await using var db = await DbAsync();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.OrderCodesExported && e.TargetId == order.Id.ToString()));
    }

    private static Actor MerchantUser(Order order) => TestActors.MerchantUser(order.MerchantId);

    /// <summary>An order of <paramref name="units"/> key codes, all delivered, with the codes it received.</summary>
    private async Task<(Order Order, IReadOnlyList<string> Codes)> DeliveredOrderAsync(int units = 1, string email = "buyer@example.com")
    {
        var merchant = await Host.Catalog.MerchantAsync(balance: 100m);
        var item = await Host.Catalog.KeyItemAsync(unitPriceMinor: 100, codes: 0);
        var codes = await Host.Catalog.AddCodesAsync(item.Id, units);
        var order = (await new TestOrders(Host.Services).PlaceKeyOrderAsync(merchant.Id, item.Id, quantity: units, customerEmail: email)).Order;
        await Host.DrainJobsAsync();
        await using var db = await DbAsync();
        Assert.Equal(units, await db.KeyCodes.CountAsync(c => c.ItemId == item.Id && c.Status == KeyCodeStatus.Delivered));
        return (order, codes);
    }

    private async Task<PortalDb> DbAsync() => await Host.Get<IDbContextFactory<PortalDb>>().CreateDbContextAsync();

    /// <summary>Captures emails; can fail the next send, as a mail server that is down would.</summary>
    private sealed class FlakyEmails : IEmailTransport
    {
        private readonly CapturedEmails _captured = new();

        public bool FailNext { get; set; }

        public IReadOnlyCollection<CapturedEmail> Sent => _captured.Sent;

        public Task SendAsync(string to, string subject, string htmlBody, string? link)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("The mail server is down (simulated).");
            }

            return _captured.SendAsync(to, subject, htmlBody, link);
        }
    }
}
