using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExternalReference : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalReference",
                table: "Orders",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_ExternalReference",
                table: "Orders",
                column: "ExternalReference",
                filter: "[ExternalReference] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_MerchantId_ExternalReference",
                table: "Orders",
                columns: new[] { "MerchantId", "ExternalReference" },
                filter: "[ExternalReference] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_ExternalReference",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_MerchantId_ExternalReference",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ExternalReference",
                table: "Orders");
        }
    }
}
