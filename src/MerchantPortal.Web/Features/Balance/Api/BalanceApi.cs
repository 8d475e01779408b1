using System.Globalization;
using MerchantPortal.Common;
using MerchantPortal.Identity;
using MerchantPortal.Ledger;
using MerchantPortal.Monetary;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Features.ApiKeys;
using MerchantPortal.Web.Features.Orders.Api;

namespace MerchantPortal.Web.Features.Balance.Api;

/// <summary><c>/api/v1/balance</c>: the merchant's available balance and its ledger (docs/api.md).</summary>
public static class BalanceApi
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    public static RouteGroupBuilder MapBalanceApi(this RouteGroupBuilder api)
    {
        var balance = api.MapGroup("/balance").WithTags("Balance");

        balance.MapGet("", GetAsync)
            .RequireScope(Scopes.BalanceRead)
            .WithName("GetBalance")
            .WithSummary("Retrieve the balance")
            .WithDescription("The merchant's available prepaid balance, in minor units and formatted.")
            .Produces<BalanceObject>()
            .ProducesProblems(404);

        balance.MapGet("/entries", EntriesAsync)
            .RequireScope(Scopes.BalanceRead)
            .WithName("ListBalanceEntries")
            .WithSummary("List balance entries")
            .WithDescription("Every movement of the balance, newest first; limit 1–100 (default 10) and page (from 0).")
            .Produces<ListObject<BalanceEntryObject>>()
            .ProducesProblems(422);

        return balance;
    }

    private static async Task<IResult> GetAsync(HttpContext http, LedgerService ledger, CancellationToken ct)
    {
        var actor = ApiKeyClaims.ToActor(http.User);
        return await ledger.GetBalanceAsync(actor.MerchantId!.Value, actor, ct) is { } money
            ? TypedResults.Ok(new BalanceObject("balance", money.Minor, money.ToString(), money.Currency.Code))
            : ApiResults.Problem(LedgerErrors.MerchantNotFound);
    }

    private static async Task<IResult> EntriesAsync(HttpContext http, LedgerService ledger, CancellationToken ct)
    {
        var q = http.Request.Query;
        List<Error> errors = [];
        var limit = DefaultLimit;
        if (q.TryGetValue("limit", out var l) && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add(new Error("LIMIT_INVALID", $"limit is a whole number from 1 to {MaxLimit}.", "limit"));
        }

        var page = 0;
        if (q.TryGetValue("page", out var p) && !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out page))
        {
            errors.Add(new Error("PAGE_INVALID", "page is a whole number from 0.", "page"));
        }

        if (Error.Combine(errors) is { } invalid)
        {
            return ApiResults.Problem(invalid);
        }

        var actor = ApiKeyClaims.ToActor(http.User);
        var rows = await ledger.HistoryAsync(actor.MerchantId!.Value, page, limit, actor, ct);
        var data = rows.Items.Select(e => new BalanceEntryObject(e.Id, "balance_entry", e.Kind, e.AmountMinor,
            OrderObjects.Format(e.AmountMinor, Currency.Of(e.Currency)), e.BalanceAfterMinor, e.Currency, e.Description, e.OrderId, e.CreatedAt)).ToList();
        return TypedResults.Ok(new ListObject<BalanceEntryObject>("list", data, (page + 1L) * limit < rows.TotalCount, http.Request.Path));
    }
}
