using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class OrdersByMerchantAndNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_MerchantId_Status",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_MerchantId_Number",
                table: "Orders",
                columns: new[] { "MerchantId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_MerchantId_Status_Number",
                table: "Orders",
                columns: new[] { "MerchantId", "Status", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_MerchantId_Number",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_MerchantId_Status_Number",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_MerchantId_Status",
                table: "Orders",
                columns: new[] { "MerchantId", "Status" });
        }
    }
}
