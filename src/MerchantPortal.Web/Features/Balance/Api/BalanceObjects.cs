using System.Text.Json.Serialization;
using MerchantPortal.Ledger;

namespace MerchantPortal.Web.Features.Balance.Api;

/// <summary>The merchant's prepaid balance: what orders paid from the balance can spend.</summary>
public sealed record BalanceObject([property: JsonPropertyName("object")] string ObjectType, long Available, string AvailableFormatted, string Currency);

/// <summary>One movement of the balance: credits positive, debits negative, with the balance after it.</summary>
public sealed record BalanceEntryObject(
    long Id, [property: JsonPropertyName("object")] string ObjectType, LedgerEntryKind Type, long Amount, string AmountFormatted, long BalanceAfter, string Currency,
    string Description, Guid? OrderId, DateTime CreatedAt);
