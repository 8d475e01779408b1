using MerchantPortal.Web.Operations;

namespace MerchantPortal.IntegrationTests.Operations;

public sealed class ReadyBannerTests
{
    private static readonly string[] Addresses = ["http://127.0.0.1:5080"];

    [Fact]
    public void The_banner_names_the_address_to_open_and_every_demo_sign_in()
    {
        var demo = new DemoDataOptions
        {
            Seed = true,
            Users = [new DemoDataOptions.DemoUser { Email = "merchant@northwind.test", Password = "Merchant-Demo-2026!", Role = "Merchant" }],
        };

        var banner = ReadyBanner.Compose(Addresses, demo);

        Assert.StartsWith("Merchant Portal is ready: open http://localhost:5080", banner, StringComparison.Ordinal);
        Assert.Contains("merchant@northwind.test", banner, StringComparison.Ordinal);
        Assert.Contains("Merchant-Demo-2026!", banner, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_demo_data_the_banner_prints_no_sign_ins()
    {
        var demo = new DemoDataOptions
        {
            Seed = false,
            Users = [new DemoDataOptions.DemoUser { Email = "merchant@northwind.test", Password = "Merchant-Demo-2026!", Role = "Merchant" }],
        };

        var banner = ReadyBanner.Compose(Addresses, demo);

        Assert.DoesNotContain("Demo sign-ins", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("Merchant-Demo-2026!", banner, StringComparison.Ordinal);
    }
}
