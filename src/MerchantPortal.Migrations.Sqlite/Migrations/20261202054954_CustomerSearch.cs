using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Customer names and emails in an FTS5 trigram index, so the orders grid finds "haddad" or "mara.h@exa"
    /// anywhere in them without reading every customer. The table keeps its own copy of the text (not external
    /// content over Customers' implicit rowid, which VACUUM may renumber) and triggers keep it in step.
    /// </summary>
    public partial class CustomerSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE CustomerSearch USING fts5(CustomerId UNINDEXED, Name, Email, tokenize = 'trigram');");
            migrationBuilder.Sql(
                "INSERT INTO CustomerSearch (CustomerId, Name, Email) SELECT Id, Name, Email FROM Customers;");
            migrationBuilder.Sql(
                """
                CREATE TRIGGER CustomerSearch_Insert AFTER INSERT ON Customers BEGIN
                    INSERT INTO CustomerSearch (CustomerId, Name, Email) VALUES (new.Id, new.Name, new.Email);
                END;
                """);
            // Only a change of the searched text touches the index (a version bump or a linked Stripe customer does not).
            migrationBuilder.Sql(
                """
                CREATE TRIGGER CustomerSearch_Update AFTER UPDATE OF Name, Email ON Customers
                WHEN old.Name IS NOT new.Name OR old.Email IS NOT new.Email BEGIN
                    DELETE FROM CustomerSearch WHERE CustomerId = old.Id;
                    INSERT INTO CustomerSearch (CustomerId, Name, Email) VALUES (new.Id, new.Name, new.Email);
                END;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER CustomerSearch_Delete AFTER DELETE ON Customers BEGIN
                    DELETE FROM CustomerSearch WHERE CustomerId = old.Id;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER CustomerSearch_Delete;");
            migrationBuilder.Sql("DROP TRIGGER CustomerSearch_Update;");
            migrationBuilder.Sql("DROP TRIGGER CustomerSearch_Insert;");
            migrationBuilder.Sql("DROP TABLE CustomerSearch;");
        }
    }
}
