using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Answerback.Platform.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BoardPending : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PrimaryBoardPending",
                columns: table => new
                {
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackingCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Commitment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryBoardPending", x => new { x.PrimaryId, x.TrackingCode });
                    table.ForeignKey(
                        name: "FK_PrimaryBoardPending_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PrimaryBoardPending");
        }
    }
}
