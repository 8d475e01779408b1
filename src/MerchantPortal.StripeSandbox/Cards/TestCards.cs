namespace MerchantPortal.StripeSandbox.Cards;

/// <summary>
/// Stripe's test cards the sandbox knows by number and by test PaymentMethod id. Any other number that
/// passes the Luhn check behaves like <c>4242 4242 4242 4242</c>.
/// </summary>
internal static class TestCards
{
    public static IReadOnlyList<TestCard> All { get; } =
    [
        new("4242424242424242", "pm_card_visa", CardBehaviour.Succeeds, "Succeeds"),
        new("5555555555554444", "pm_card_mastercard", CardBehaviour.Succeeds, "Succeeds (Mastercard)"),
        new("4000002500003155", "pm_card_authenticationRequiredOnSetup", CardBehaviour.RequiresAuthentication, "Asks for 3-D Secure"),
        new("4000002760003184", "pm_card_authenticationRequired", CardBehaviour.RequiresAuthentication, "Asks for 3-D Secure"),
        new("4000000000000341", "pm_card_chargeCustomerFail", CardBehaviour.DeclinesAfterAttaching, "Saves; payments are declined"),
        new("4000000000000002", "pm_card_chargeDeclined", CardBehaviour.DeclinesGeneric, "Declined (generic_decline)"),
        new("4000000000009995", "pm_card_chargeDeclinedInsufficientFunds", CardBehaviour.DeclinesInsufficientFunds, "Declined (insufficient_funds)"),
        new("4000000000005126", "pm_card_refundFail", CardBehaviour.RefundsFail, "Succeeds; refunds succeed, then fail"),
        new("4000000000007726", "pm_card_pendingRefund", CardBehaviour.RefundsPending, "Succeeds; refunds are pending, then succeed"),
    ];

    public static TestCard? ByNumber(string number) => All.FirstOrDefault(c => c.Number == number);

    public static TestCard? ByPaymentMethodId(string id) => All.FirstOrDefault(c => c.PaymentMethodId == id);
}
