using Bunit;
using MerchantPortal.Orders;
using MerchantPortal.Web.Components.Shared;

namespace MerchantPortal.ComponentTests.Shared;

public sealed class ReasonLabelTests : PortalComponentTest
{
    [Theory]
    [InlineData(OrderErrorCodes.OutOfStock, "Out of stock")]
    [InlineData(OrderErrorCodes.ProviderError, "Provider error")]
    [InlineData("AUTHENTICATION_REQUIRED", "Authentication required")]
    public void A_code_reads_as_words_and_keeps_the_code_for_support(string code, string words)
    {
        var label = Render<ReasonLabel>(p => p.Add(l => l.Code, code));

        var text = label.Find(".mp-reason");
        Assert.Equal(words, text.TextContent.Trim());
        Assert.Equal(code, text.GetAttribute("data-code"));
    }
}
