using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ApiKeyUsage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "MerchantUsersManageApiKeys",
                table: "Merchants",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ApiKeyUsage",
                columns: table => new
                {
                    KeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HourStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    Errors = table.Column<long>(type: "INTEGER", nullable: false),
                    Replays = table.Column<long>(type: "INTEGER", nullable: false),
                    Orders = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeyUsage", x => new { x.KeyId, x.HourStart });
                    table.ForeignKey(
                        name: "FK_ApiKeyUsage_ApiKeys_KeyId",
                        column: x => x.KeyId,
                        principalTable: "ApiKeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeyUsage");

            migrationBuilder.DropColumn(
                name: "MerchantUsersManageApiKeys",
                table: "Merchants");
        }
    }
}
