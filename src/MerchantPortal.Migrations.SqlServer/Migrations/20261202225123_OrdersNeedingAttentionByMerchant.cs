using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class OrdersNeedingAttentionByMerchant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Orders_MerchantNeedingAttention",
                table: "Orders",
                columns: new[] { "MerchantId", "Number" },
                filter: "[Status] IN ('Pending', 'Processing', 'Partial', 'Failed')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_MerchantNeedingAttention",
                table: "Orders");
        }
    }
}
