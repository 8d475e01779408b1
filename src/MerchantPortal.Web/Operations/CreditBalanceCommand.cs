using System.Globalization;
using MerchantPortal.Auditing;
using MerchantPortal.Common;
using MerchantPortal.Ledger;
using MerchantPortal.Merchants;
using MerchantPortal.Monetary;

namespace MerchantPortal.Web.Operations;

/// <summary>
/// <c>credit-balance</c>: the Balance page's credit, from the command line — the same validation, confirmation limit,
/// ledger entry and audit entry. A <c>--reference</c> makes a rerun safe: the same reference books once.
/// </summary>
internal static class CreditBalanceCommand
{
    private static readonly Error AmountUnreadable = new("AMOUNT_INVALID", "--amount must be a number in major units, like 250.00.", "amount");

    private static readonly Error ConfirmationMismatch = new("ADJUSTMENT_CONFIRMATION_MISMATCH",
        "--confirm-amount must repeat --amount exactly.", "confirm-amount");

    public static async Task<int> RunAsync(IServiceProvider services, CommandOptions options, string usage)
    {
        if (options.Get("merchant") is not { } merchantName || options.Get("amount") is not { } amountText || options.Get("reason") is not { } reason)
        {
            return PortalCommands.Fail(2, "credit-balance needs --merchant, --amount and --reason.\n\n" + usage);
        }

        if (!TryParseAmount(amountText, out var amount))
        {
            return PortalCommands.Reject(AmountUnreadable);
        }

        var confirmed = false;
        if (options.Get("confirm-amount") is { } confirmText)
        {
            if (!TryParseAmount(confirmText, out var confirmation) || confirmation != amount)
            {
                return PortalCommands.Reject(ConfirmationMismatch);
            }

            confirmed = true;
        }

        var merchant = await services.GetRequiredService<MerchantService>().FindByNameAsync(merchantName);
        if (merchant is null)
        {
            return PortalCommands.Reject(new Error(LedgerErrors.MerchantNotFound.Code, $"No merchant is named \"{merchantName}\"."));
        }

        var reference = options.Get("reference") ?? Guid.NewGuid().ToString("N");
        var result = await services.GetRequiredService<LedgerService>().AdjustAsync(
            new AdjustBalance(merchant.Id, BalanceDirection.Credit, amount, reason, $"cli:{reference}", confirmed), Actor.System);
        if (!result.Succeeded)
        {
            if (result.Error!.Code == LedgerErrors.ConfirmationRequiredCode)
            {
                return PortalCommands.Fail(1, $"{result.Error.Code}: {result.Error.Message} "
                    + $"Run again with --confirm-amount {amountText} to book it.");
            }

            return PortalCommands.Reject(result.Error);
        }

        var entry = result.Value;
        var currency = Currency.Of(entry.Currency);
        Console.WriteLine($"Ledger entry {entry.Id}: credited {new Money(entry.AmountMinor, currency)} to {merchant.Name}; "
            + $"balance after it {new Money(entry.BalanceAfterMinor, currency)}. Reference {reference}.");
        return 0;
    }

    /// <summary>A plain decimal with a point (no thousands separators), whatever the machine's culture.</summary>
    private static bool TryParseAmount(string text, out decimal amount) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount);
}
