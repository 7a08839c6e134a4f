using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Answerback.Platform.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Primballot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PrimaryBallots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackingCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Salt = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrimaryBallots_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrimaryBoardCheckpoints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryBoardCheckpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrimaryBoardCheckpoints_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrimaryBoardEntries",
                columns: table => new
                {
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    TrackingCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Commitment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryBoardEntries", x => new { x.PrimaryId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_PrimaryBoardEntries_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrimaryBoardHeads",
                columns: table => new
                {
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sealed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryBoardHeads", x => x.PrimaryId);
                    table.ForeignKey(
                        name: "FK_PrimaryBoardHeads_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrimaryCredentialExports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExportedByPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Issued = table.Column<int>(type: "integer", nullable: false),
                    Replaced = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryCredentialExports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrimaryCredentialExports_AspNetUsers_ExportedByPersonId",
                        column: x => x.ExportedByPersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PrimaryCredentialExports_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrimaryCredentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    RegisterEntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Used = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryCredentials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrimaryCredentials_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PrimaryCredentials_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PrimaryCredentials_RegisterEntries_RegisterEntryId",
                        column: x => x.RegisterEntryId,
                        principalTable: "RegisterEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrimaryResults",
                columns: table => new
                {
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportJson = table.Column<string>(type: "text", nullable: false),
                    CountedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryResults", x => x.PrimaryId);
                    table.ForeignKey(
                        name: "FK_PrimaryResults_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryBallots_PrimaryId_TrackingCode",
                table: "PrimaryBallots",
                columns: new[] { "PrimaryId", "TrackingCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryBoardCheckpoints_PrimaryId_PublishedAt",
                table: "PrimaryBoardCheckpoints",
                columns: new[] { "PrimaryId", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryBoardEntries_PrimaryId_TrackingCode",
                table: "PrimaryBoardEntries",
                columns: new[] { "PrimaryId", "TrackingCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryCredentialExports_ExportedByPersonId",
                table: "PrimaryCredentialExports",
                column: "ExportedByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryCredentialExports_PrimaryId",
                table: "PrimaryCredentialExports",
                column: "PrimaryId");

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryCredentials_PersonId",
                table: "PrimaryCredentials",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryCredentials_PrimaryId_CodeHash",
                table: "PrimaryCredentials",
                columns: new[] { "PrimaryId", "CodeHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryCredentials_PrimaryId_PersonId",
                table: "PrimaryCredentials",
                columns: new[] { "PrimaryId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryCredentials_PrimaryId_RegisterEntryId",
                table: "PrimaryCredentials",
                columns: new[] { "PrimaryId", "RegisterEntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryCredentials_RegisterEntryId",
                table: "PrimaryCredentials",
                column: "RegisterEntryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PrimaryBallots");

            migrationBuilder.DropTable(
                name: "PrimaryBoardCheckpoints");

            migrationBuilder.DropTable(
                name: "PrimaryBoardEntries");

            migrationBuilder.DropTable(
                name: "PrimaryBoardHeads");

            migrationBuilder.DropTable(
                name: "PrimaryCredentialExports");

            migrationBuilder.DropTable(
                name: "PrimaryCredentials");

            migrationBuilder.DropTable(
                name: "PrimaryResults");
        }
    }
}
