using System.Text.RegularExpressions;
using MerchantPortal.Data;
using MerchantPortal.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace MerchantPortal.IntegrationTests.Data;

/// <summary>
/// The SQL that only SQL Server runs — the hand-written search queries and the migration script — parsed with
/// SQL Server's own parser, so a typo fails here rather than on the first SQL Server deployment. No server is needed:
/// EF builds the SQL from a context configured for SQL Server, as the app configures it.
/// </summary>
public sealed partial class SqlServerSqlTests
{
    private const string NoServer = "Server=unused.invalid;Database=MerchantPortal;Trusted_Connection=True";

    public static TheoryData<string> Searches { get; } = ["ann", "o'neil", "50%_off[1]\\x", "müller@example.com"];

    [Theory]
    [MemberData(nameof(Searches))]
    public void The_customer_text_search_is_valid_t_sql_alone_and_inside_the_order_queries(string search)
    {
        using var db = SqlServerDb();
        var byText = OrderSearch.CustomerIds(db, search);
        // The two shapes the order list composes it into (OrderQueries.Search): an uncorrelated IN and, for broad text, EXISTS.
        var narrow = db.Orders.Where(o => byText.Contains(o.CustomerId)).Select(o => o.Id);
        var broad = db.Orders.Where(o => db.Customers.Any(c => c.Id == o.CustomerId && byText.Contains(c.Id))).Select(o => o.Id);

        foreach (var sql in new[] { byText.ToQueryString(), narrow.ToQueryString(), broad.ToQueryString() })
        {
            Assert.Contains("[SearchName] LIKE", sql, StringComparison.Ordinal);
            Assert.Empty(ParseErrors(sql));
        }
    }

    [Fact]
    public void The_parser_catches_a_typo_in_the_customer_text_search()
    {
        using var db = SqlServerDb();
        var sql = OrderSearch.CustomerIds(db, "ann").ToQueryString();

        Assert.NotEmpty(ParseErrors(sql.Replace("ESCAPE '\\' OR", "ESCAPE OR", StringComparison.Ordinal)));
        Assert.NotEmpty(ParseErrors(sql.Replace("FROM [Customers]", "FORM [Customers]", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_full_sql_server_migration_script_parses_without_errors()
    {
        using var db = SqlServerDb();
        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains("CREATE TABLE [Merchants]", script, StringComparison.Ordinal);
        Assert.Empty(ParseErrors(script));
    }

    private static IEnumerable<string> ParseErrors(string sql)
    {
        // ToQueryString declares raw SQL parameters by their bare names (DECLARE p0 …); the command sends them as @p0.
        using var reader = new StringReader(BareDeclare().Replace(sql, "DECLARE @$1 "));
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);
        return errors.Select(e => $"line {e.Line}: {e.Message}");
    }

    private static PortalDb SqlServerDb()
    {
        var options = new DbContextOptionsBuilder<PortalDb>();
        options.UsePortalDatabase(DatabaseProvider.SqlServer, NoServer);
        return new PortalDb(options.Options);
    }

    [GeneratedRegex(@"^DECLARE (\w+) ", RegexOptions.Multiline)]
    private static partial Regex BareDeclare();
}
