namespace MerchantPortal.Merchants;

public sealed record MerchantSummary(Guid Id, string Name, string Currency);

public sealed record CreateMerchant(string Name, string Currency);
