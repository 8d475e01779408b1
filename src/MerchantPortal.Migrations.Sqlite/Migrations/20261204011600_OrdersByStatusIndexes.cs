using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OrdersByStatusIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_MerchantNeedingAttention",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_NeedingAttention",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_FulfillmentStatus_Number",
                table: "Orders",
                columns: new[] { "FulfillmentStatus", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_PaymentStatus_Number",
                table: "Orders",
                columns: new[] { "PaymentStatus", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Status_Number",
                table: "Orders",
                columns: new[] { "Status", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_FulfillmentStatus_Number",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_PaymentStatus_Number",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_Status_Number",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_MerchantNeedingAttention",
                table: "Orders",
                columns: new[] { "MerchantId", "Number" },
                filter: "[Status] IN ('Pending', 'Processing', 'Partial', 'Failed')");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_NeedingAttention",
                table: "Orders",
                columns: new[] { "Number", "MerchantId" },
                filter: "[Status] IN ('Pending', 'Processing', 'Partial', 'Failed')");
        }
    }
}
