namespace MerchantPortal.Merchants;

/// <summary>A merchant account with its default fee and tax (basis points: 100 = 1%).</summary>
public sealed record MerchantSummary(Guid Id, string Name, string Currency, int FeeBasisPoints = 0, int TaxBasisPoints = 0);

/// <summary>A new merchant account with its balance currency and default fee and tax (basis points).</summary>
public sealed record CreateMerchant(string Name, string Currency, int FeeBasisPoints = 0, int TaxBasisPoints = 0);

/// <summary>The merchant's default fee and tax on order lines, in basis points.</summary>
public sealed record UpdateMerchantCharges(int FeeBasisPoints, int TaxBasisPoints);
