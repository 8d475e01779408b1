using MerchantPortal.Catalog;
using MerchantPortal.Orders;

namespace MerchantPortal.UnitTests.Orders;

public sealed class OrderPricingTests
{
    [Fact]
    public void A_key_line_is_unit_price_times_quantity_plus_fee_and_tax_on_the_subtotal()
    {
        var item = CatalogItem.Create(new SaveCatalogItem("K", "Key", null, ProductType.Key, "USD", UnitPriceMinor: 1999, MaxQuantity: 10), DateTime.UtcNow);

        var price = OrderPricing.Price(item, 3, null, feeBasisPoints: 250, taxBasisPoints: 1000);

        Assert.Equal(5997, price.SubtotalMinor);
        Assert.Equal(150, price.FeeMinor);
        Assert.Equal(600, price.TaxMinor);
        Assert.Equal(6747, price.TotalMinor);
    }

    [Fact]
    public void A_top_up_is_face_value_times_rate_and_the_item_overrides_merchant_charges()
    {
        var item = CatalogItem.Create(new SaveCatalogItem("T", "Top-up", null, ProductType.TopUp, "EUR",
            MinAmountMinor: 500, MaxAmountMinor: 5000, StepMinor: 500, RateBasisPoints: 9_500, FeeBasisPoints: 0, TaxBasisPoints: 2_000), DateTime.UtcNow);

        var price = OrderPricing.Price(item, 1, 2000, feeBasisPoints: 300, taxBasisPoints: 1000);

        Assert.Equal(1900, price.SubtotalMinor);
        Assert.Equal(0, price.FeeMinor);
        Assert.Equal(380, price.TaxMinor);
        Assert.Equal(2000, price.FaceValueMinor);
    }
}
