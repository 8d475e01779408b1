namespace MerchantPortal.Auditing;

/// <summary>The stable names of audited actions.</summary>
public static class AuditActions
{
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserRoleChanged = "user.role_changed";
    public const string UserLocked = "user.locked";
    public const string UserUnlocked = "user.unlocked";
    public const string UserPasswordResetSent = "user.password_reset_sent";
    public const string MerchantCreated = "merchant.created";
    public const string MerchantUpdated = "merchant.updated";
    public const string MerchantDeactivated = "merchant.deactivated";
    public const string MerchantReactivated = "merchant.reactivated";
    public const string CatalogItemCreated = "catalog.item_created";
    public const string CatalogItemUpdated = "catalog.item_updated";
    public const string CatalogItemActivated = "catalog.item_activated";
    public const string CatalogItemDeactivated = "catalog.item_deactivated";
    public const string CodesAdded = "catalog.codes_added";
    public const string CodeRevealed = "catalog.code_revealed";
    public const string CodeVoided = "catalog.code_voided";
    public const string CustomerUpdated = "customer.updated";
    public const string BalanceCredited = "balance.credited";
    public const string BalanceDebited = "balance.debited";
    public const string OrderPlaced = "order.placed";
    public const string OrderCancelled = "order.cancelled";
    public const string OrderCodesRetrieved = "order.codes_retrieved";
    public const string OrderCodesEmailed = "order.codes_emailed";
    public const string OrderCodesExported = "order.codes_exported";
    public const string LowBalanceThresholdSet = "merchant.low_balance_threshold_set";
    public const string OrderFlagCleared = "order.flag_cleared";
    public const string FulfilmentRetried = "order.fulfilment_retried";
    public const string RefundRequested = "refund.requested";
    public const string RefundSucceeded = "refund.succeeded";
    public const string RefundFailed = "refund.failed";
    public const string ApprovalApproved = "approval.approved";
    public const string ApprovalRejected = "approval.rejected";
    public const string CardSaved = "card.saved";
    public const string CardMadeDefault = "card.made_default";
    public const string CardRemoved = "card.removed";
    public const string WebhookEndpointCreated = "webhook.endpoint_created";
    public const string WebhookEndpointUpdated = "webhook.endpoint_updated";
    public const string WebhookEndpointDeleted = "webhook.endpoint_deleted";
    public const string WebhookEndpointPaused = "webhook.endpoint_paused";
    public const string WebhookEndpointResumed = "webhook.endpoint_resumed";
    public const string WebhookEndpointDisabled = "webhook.endpoint_disabled";
    public const string WebhookSecretRotated = "webhook.secret_rotated";
    public const string WebhookTestSent = "webhook.test_sent";
    public const string WebhookDeliveryResent = "webhook.delivery_resent";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string ApiKeyRolled = "api_key.rolled";
    public const string ApiKeyRefused = "api_key.refused";
}
