namespace MerchantPortal.Changes;

/// <summary>The topics of the change feed; the key says which thing of that kind changed.</summary>
public static class ChangeTopics
{
    /// <summary>An API key was revoked or rolled (key: the key's id): caches of keys must forget it.</summary>
    public const string ApiKey = "api_key";

    /// <summary>A catalog item changed (key: the item id).</summary>
    public const string CatalogItem = "catalog_item";

    /// <summary>An order changed (key: the order id).</summary>
    public const string Order = "order";

    /// <summary>A merchant's settings changed (key: the merchant id).</summary>
    public const string Merchant = "merchant";
}
