namespace MerchantPortal.Catalog;

/// <summary>What an item delivers, and so how its quantity is given and how it is fulfilled.</summary>
public enum ProductType
{
    /// <summary>Codes from the item's key inventory; quantity is a whole count.</summary>
    Key,

    /// <summary>A face value credited to a recipient by a provider; quantity is the decimal amount.</summary>
    TopUp,

    /// <summary>A provider performs a service; quantity is always 1.</summary>
    Service,
}
