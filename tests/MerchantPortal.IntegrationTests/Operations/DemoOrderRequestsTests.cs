using MerchantPortal.Orders;
using MerchantPortal.Web.Operations;
using Microsoft.Extensions.Configuration;

namespace MerchantPortal.IntegrationTests.Operations;

/// <summary>The demo's card orders come back from 3-D Secure to this app's own address.</summary>
public sealed class DemoOrderRequestsTests
{
    private static readonly DemoCardHolder Holder = new(Guid.NewGuid(), "pm_123", DemoCardHolder.AuthenticatingCard);

    [Theory]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    [InlineData("https://localhost:7001;http://localhost:5080", "https://localhost:7001")]
    [InlineData("http://*:8080", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080")]
    [InlineData(null, "http://localhost:5000")]
    [InlineData("not an address", "http://localhost:5000")]
    public void The_return_address_is_the_first_address_the_app_listens_on(string? urls, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls }).Build();

        var payment = new DemoOrderRequests(configuration).PaymentFor(Holder);

        Assert.Equal((PaymentMethodKind.Card, "pm_123", $"{expected}/orders/{PaymentChoice.OrderIdToken}/payment-return"),
            (payment.Method, payment.PaymentMethodId, payment.ReturnUrl));
    }

    [Fact]
    public void Without_a_card_the_order_is_paid_from_the_balance() =>
        Assert.Equal(PaymentChoice.Balance, new DemoOrderRequests(new ConfigurationBuilder().Build()).PaymentFor(null));
}
