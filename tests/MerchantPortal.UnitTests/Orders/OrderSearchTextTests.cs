using MerchantPortal.Orders;

namespace MerchantPortal.UnitTests.Orders;

public sealed class OrderSearchTextTests
{
    [Theory]
    [InlineData("Haddad", "\"haddad\"")]
    [InlineData("  Amara   HADDAD ", "\"amara\" \"haddad\"")]
    [InlineData("li wu", "\"li wu\"")]
    [InlineData("say \"hi\" now", "\"say\" \"\"\"hi\"\"\" \"now\"")]
    [InlineData("quo*", "\"quo*\"")]
    public void The_trigram_query_quotes_each_word_or_the_whole_text_when_a_word_is_short(string search, string expected) =>
        Assert.Equal(expected, OrderSearch.TrigramMatch(search));

    [Theory]
    [InlineData("Haddad", "haddad%")]
    [InlineData("100%_[x]\\", "100\\%\\_\\[x]\\\\%")]
    [InlineData(" Amara  Haddad ", "amara haddad%")]
    public void The_prefix_pattern_is_lower_case_with_like_wildcards_escaped(string search, string expected) =>
        Assert.Equal(expected, OrderSearch.PrefixPattern(search));

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("ab", false)]
    [InlineData(" a b", true)]
    [InlineData("abc", true)]
    public void Names_and_emails_are_searched_from_three_characters(string? search, bool searched) =>
        Assert.Equal(searched, OrderSearch.SearchesCustomerText(search));
}
