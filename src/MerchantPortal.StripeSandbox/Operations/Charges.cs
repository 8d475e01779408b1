using System.Security.Cryptography;
using MerchantPortal.StripeSandbox.Cards;
using MerchantPortal.StripeSandbox.Http;
using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Operations;

/// <summary>The charge each PaymentIntent payment attempt leaves behind, succeeded or failed.</summary>
internal static class Charges
{
    public static ChargeRecord Find(SandboxData data, string id, string param = "id") =>
        data.Charges.GetValueOrDefault(id) ?? throw ApiErrors.NoSuch("charge", id, param);

    public static ChargeRecord Record(SandboxChange change, PaymentIntentRecord intent, PaymentMethodRecord paymentMethod, CardDecline? decline, bool authenticated)
    {
        var succeeded = decline is null;
        var charge = new ChargeRecord
        {
            Id = SandboxIds.New("ch"),
            Sequence = change.NextSequence(),
            Created = change.Now,
            Amount = intent.Amount,
            Currency = intent.Currency,
            Customer = intent.Customer,
            Description = intent.Description,
            Metadata = new Dictionary<string, string>(intent.Metadata, StringComparer.Ordinal),
            PaymentIntent = intent.Id,
            PaymentMethod = paymentMethod.Id,
            Card = paymentMethod.Card,
            BillingDetails = paymentMethod.BillingDetails,
            Status = succeeded ? "succeeded" : "failed",
            FailureCode = decline?.Code,
            FailureMessage = decline?.Message,
            DeclineCode = decline?.DeclineCode,
            BalanceTransaction = succeeded ? SandboxIds.New("txn") : null,
            AuthorizationCode = succeeded ? Digits(6) : null,
            NetworkTransactionId = Digits(15),
            Authenticated = authenticated,
            ReceiptEmail = intent.ReceiptEmail,
            StatementDescriptor = intent.StatementDescriptor,
            StatementDescriptorSuffix = intent.StatementDescriptorSuffix,
        };
        change.Data.Charges[charge.Id] = charge;
        change.Emit(succeeded ? "charge.succeeded" : "charge.failed", charge.Id);
        return charge;
    }

    private static string Digits(int count) => new(RandomNumberGenerator.GetItems<char>("0123456789", count));
}
