using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class JobsAndChangeFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxJobs_Status_AvailableAt",
                table: "OutboxJobs");

            migrationBuilder.DropIndex(
                name: "IX_OutboxJobs_Status_LeaseExpiresAt",
                table: "OutboxJobs");

            migrationBuilder.CreateTable(
                name: "ChangeFeed",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Topic = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeFeed", x => x.Sequence);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxJobs_Type_Status_AvailableAt",
                table: "OutboxJobs",
                columns: new[] { "Type", "Status", "AvailableAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxJobs_Type_Status_LeaseExpiresAt",
                table: "OutboxJobs",
                columns: new[] { "Type", "Status", "LeaseExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeFeed_At",
                table: "ChangeFeed",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChangeFeed");

            migrationBuilder.DropIndex(
                name: "IX_OutboxJobs_Type_Status_AvailableAt",
                table: "OutboxJobs");

            migrationBuilder.DropIndex(
                name: "IX_OutboxJobs_Type_Status_LeaseExpiresAt",
                table: "OutboxJobs");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxJobs_Status_AvailableAt",
                table: "OutboxJobs",
                columns: new[] { "Status", "AvailableAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxJobs_Status_LeaseExpiresAt",
                table: "OutboxJobs",
                columns: new[] { "Status", "LeaseExpiresAt" });
        }
    }
}
