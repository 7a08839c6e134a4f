using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Answerback.Platform.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Moderation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ModerationDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: true),
                    ModeratorRole = table.Column<int>(type: "INTEGER", nullable: false),
                    ModeratorPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PublicPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OverturnedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModerationDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModerationDecisions_AspNetUsers_AuthorPersonId",
                        column: x => x.AuthorPersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ModerationDecisions_AspNetUsers_ModeratorPersonId",
                        column: x => x.ModeratorPersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ModerationDecisions_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ModerationFlags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FlaggedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModerationFlags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModerationFlags_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ModerationFlags_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ModerationHolds",
                columns: table => new
                {
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HeldAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModerationHolds", x => new { x.SubjectKind, x.SubjectId });
                    table.ForeignKey(
                        name: "FK_ModerationHolds_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ModerationAppeals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AppealedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Response = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeciderRole = table.Column<int>(type: "INTEGER", nullable: true),
                    DeciderPersonId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModerationAppeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModerationAppeals_AspNetUsers_AuthorPersonId",
                        column: x => x.AuthorPersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ModerationAppeals_AspNetUsers_DeciderPersonId",
                        column: x => x.DeciderPersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ModerationAppeals_ModerationDecisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "ModerationDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModerationAppeals_AuthorPersonId",
                table: "ModerationAppeals",
                column: "AuthorPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ModerationAppeals_DeciderPersonId",
                table: "ModerationAppeals",
                column: "DeciderPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ModerationAppeals_DecisionId",
                table: "ModerationAppeals",
                column: "DecisionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModerationAppeals_Outcome",
                table: "ModerationAppeals",
                column: "Outcome");

            migrationBuilder.CreateIndex(
                name: "IX_ModerationDecisions_Action_DecidedAt",
                table: "ModerationDecisions",
                columns: new[] { "Action", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ModerationDecisions_AuthorPersonId",
                table: "ModerationDecisions",
                column: "AuthorPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ModerationDecisions_ModeratorPersonId",
                table: "ModerationDecisions",
                column: "ModeratorPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ModerationDecisions_OrganisationId_Action_DecidedAt",
                table: "ModerationDecisions",
                columns: new[] { "OrganisationId", "Action", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ModerationDecisions_SubjectKind_SubjectId",
                table: "ModerationDecisions",
                columns: new[] { "SubjectKind", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_ModerationFlags_OrganisationId_ResolvedAt",
                table: "ModerationFlags",
                columns: new[] { "OrganisationId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ModerationFlags_PersonId",
                table: "ModerationFlags",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ModerationFlags_SubjectKind_SubjectId_PersonId",
                table: "ModerationFlags",
                columns: new[] { "SubjectKind", "SubjectId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_ModerationHolds_OrganisationId_HeldAt",
                table: "ModerationHolds",
                columns: new[] { "OrganisationId", "HeldAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModerationAppeals");

            migrationBuilder.DropTable(
                name: "ModerationFlags");

            migrationBuilder.DropTable(
                name: "ModerationHolds");

            migrationBuilder.DropTable(
                name: "ModerationDecisions");
        }
    }
}
