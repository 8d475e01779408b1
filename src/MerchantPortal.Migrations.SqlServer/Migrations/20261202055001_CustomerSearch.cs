using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Migrations.SqlServer.Migrations
{
    /// <summary>
    /// Prefix search over customer names and emails for the orders grid: persisted, lower-cased columns for the
    /// whole name, its last word and the email's domain, each with an index a <c>LIKE 'term%'</c> seeks on
    /// (with the email itself). A filtered index cannot name a computed column, so those three are unfiltered. The columns are computed by SQL Server, so nothing in the app writes them; they
    /// are not part of the EF model, which never reads them. Full-text search was not used: it needs the
    /// optional Full-Text feature, cannot be created inside a migration's transaction and matches words, not
    /// the start of an email.
    /// </summary>
    public partial class CustomerSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                ALTER TABLE [Customers] ADD
                    [SearchName] AS CAST(LOWER([Name]) AS nvarchar(200)) PERSISTED,
                    [SearchLastName] AS CAST(LOWER(RIGHT([Name], CHARINDEX(N' ', REVERSE([Name]) + N' ') - 1)) AS nvarchar(200)) PERSISTED,
                    [SearchEmailDomain] AS CAST(SUBSTRING([NormalizedEmail], CHARINDEX(N'@', [NormalizedEmail]) + 1, 256) AS nvarchar(256)) PERSISTED;
                """);
            migrationBuilder.Sql("CREATE INDEX [IX_Customers_SearchName] ON [Customers] ([SearchName]);");
            migrationBuilder.Sql("CREATE INDEX [IX_Customers_SearchLastName] ON [Customers] ([SearchLastName]);");
            migrationBuilder.Sql("CREATE INDEX [IX_Customers_SearchEmailDomain] ON [Customers] ([SearchEmailDomain]);");
            migrationBuilder.Sql("CREATE INDEX [IX_Customers_SearchEmail] ON [Customers] ([NormalizedEmail]) WHERE [NormalizedEmail] IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX [IX_Customers_SearchEmail] ON [Customers];");
            migrationBuilder.Sql("DROP INDEX [IX_Customers_SearchEmailDomain] ON [Customers];");
            migrationBuilder.Sql("DROP INDEX [IX_Customers_SearchLastName] ON [Customers];");
            migrationBuilder.Sql("DROP INDEX [IX_Customers_SearchName] ON [Customers];");
            migrationBuilder.Sql("ALTER TABLE [Customers] DROP COLUMN [SearchEmailDomain], [SearchLastName], [SearchName];");
        }
    }
}
