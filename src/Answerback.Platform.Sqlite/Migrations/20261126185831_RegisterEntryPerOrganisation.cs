using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Answerback.Platform.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RegisterEntryPerOrganisation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RegisterEntries_AreaId_Hash",
                table: "RegisterEntries");

            migrationBuilder.CreateIndex(
                name: "IX_RegisterEntries_AreaId_OrganisationId_Hash",
                table: "RegisterEntries",
                columns: new[] { "AreaId", "OrganisationId", "Hash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RegisterEntries_AreaId_OrganisationId_Hash",
                table: "RegisterEntries");

            migrationBuilder.CreateIndex(
                name: "IX_RegisterEntries_AreaId_Hash",
                table: "RegisterEntries",
                columns: new[] { "AreaId", "Hash" },
                unique: true);
        }
    }
}
