using System.Globalization;
using System.Text;
using MerchantPortal.StripeSandbox.Cards;

namespace MerchantPortal.StripeSandbox.Pages;

/// <summary>The test cards, listed on the card form so a tester can pick an outcome.</summary>
internal static class TestCardList
{
    public static string Render()
    {
        var html = new StringBuilder("""
            <details open>
            <summary>Test cards</summary>
            <p>Use any future expiration date and any three-digit CVC. Any other number that passes the Luhn check succeeds.</p>
            <table><thead><tr><th scope="col">Number</th><th scope="col">Result</th></tr></thead><tbody>
            """);
        foreach (var card in TestCards.All)
        {
            var grouped = string.Join(' ', card.Number.Chunk(4).Select(chunk => new string(chunk)));
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{grouped}</code></td><td>{PageLayout.Encode(card.Outcome)}</td></tr>");
        }

        return html.Append("</tbody></table></details>").ToString();
    }
}
