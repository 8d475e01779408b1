using MerchantPortal.Common;

namespace MerchantPortal.Merchants;

/// <summary>A merchant account: the business whose orders, customers and balance the portal manages.</summary>
public sealed class Merchant : IVersioned
{
    private Merchant()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>ISO 4217 code of the merchant's balance and default prices.</summary>
    public string Currency { get; private set; } = "";

    /// <summary>The default fee on an order line's subtotal, in basis points (100 = 1%); items may override it.</summary>
    public int FeeBasisPoints { get; private set; }

    /// <summary>The default tax on an order line's subtotal, in basis points; items may override it.</summary>
    public int TaxBasisPoints { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public long Version { get; private set; }

    public static Merchant Create(string name, string currency, DateTime createdAt) => new()
    {
        Id = Guid.NewGuid(),
        Name = name.Trim(),
        Currency = currency.ToUpperInvariant(),
        CreatedAt = createdAt,
    };

    public void Rename(string name) => Name = name.Trim();

    public void SetCharges(int feeBasisPoints, int taxBasisPoints)
    {
        FeeBasisPoints = feeBasisPoints;
        TaxBasisPoints = taxBasisPoints;
    }
}
