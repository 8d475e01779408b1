using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class OrderGridIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Orders_MerchantId_TotalMinor_Number",
                table: "Orders",
                columns: new[] { "MerchantId", "TotalMinor", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_MerchantOrderId",
                table: "Orders",
                column: "MerchantOrderId",
                filter: "[MerchantOrderId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_TotalMinor_Number",
                table: "Orders",
                columns: new[] { "TotalMinor", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_MerchantId_TotalMinor_Number",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_MerchantOrderId",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_TotalMinor_Number",
                table: "Orders");
        }
    }
}
