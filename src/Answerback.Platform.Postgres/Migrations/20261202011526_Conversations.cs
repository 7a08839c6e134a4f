using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Answerback.Platform.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Conversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Conversation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AreaId = table.Column<Guid>(type: "uuid", nullable: true),
                    Topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Question = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    BackgroundMarkdown = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    BackgroundHtml = table.Column<string>(type: "character varying(60000)", maxLength: 60000, nullable: false),
                    VoteRule = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AddRule = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReportPeriodDays = table.Column<int>(type: "integer", nullable: false),
                    Moderation = table.Column<int>(type: "integer", nullable: false),
                    ResponseDays = table.Column<int>(type: "integer", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IsImported = table.Column<bool>(type: "boolean", nullable: false),
                    Attribution = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conversation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Conversation_Areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Conversation_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConversationMaps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastVoteAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Participants = table.Column<int>(type: "integer", nullable: false),
                    Votes = table.Column<int>(type: "integer", nullable: false),
                    Groups = table.Column<int>(type: "integer", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    ParticipantGroups = table.Column<string>(type: "text", nullable: false),
                    StatementSignature = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Svg = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationMaps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConversationMaps_Conversation_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConversationStatements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    ImportedAuthor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IsSeed = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationStatements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConversationStatements_Conversation_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConversationReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    PeriodStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PeriodEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RespondBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MapId = table.Column<Guid>(type: "uuid", nullable: true),
                    Participants = table.Column<int>(type: "integer", nullable: false),
                    Votes = table.Column<int>(type: "integer", nullable: false),
                    Groups = table.Column<int>(type: "integer", nullable: false),
                    Highlighted = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConversationReports_ConversationMaps_MapId",
                        column: x => x.MapId,
                        principalTable: "ConversationMaps",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_ConversationReports_Conversation_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConversationVotes",
                columns: table => new
                {
                    StatementId = table.Column<Guid>(type: "uuid", nullable: false),
                    Participant = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Value = table.Column<short>(type: "smallint", nullable: false),
                    FirstCastAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CastAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationVotes", x => new { x.StatementId, x.Participant });
                    table.ForeignKey(
                        name: "FK_ConversationVotes_ConversationStatements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "ConversationStatements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConversationVotes_Conversation_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConversationResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedByPersonId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConversationResponses_ConversationReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ConversationReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConversationResponsePoints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    StatementId = table.Column<Guid>(type: "uuid", nullable: false),
                    Decision = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Until = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationResponsePoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConversationResponsePoints_ConversationResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "ConversationResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConversationResponsePoints_ConversationStatements_Statement~",
                        column: x => x.StatementId,
                        principalTable: "ConversationStatements",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_Conversation_AreaId",
                table: "Conversation",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_Conversation_OrganisationId",
                table: "Conversation",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMaps_ConversationId_Version",
                table: "ConversationMaps",
                columns: new[] { "ConversationId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReports_ConversationId_Number",
                table: "ConversationReports",
                columns: new[] { "ConversationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReports_MapId",
                table: "ConversationReports",
                column: "MapId");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationResponsePoints_ResponseId",
                table: "ConversationResponsePoints",
                column: "ResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationResponsePoints_StatementId",
                table: "ConversationResponsePoints",
                column: "StatementId");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationResponses_ReportId",
                table: "ConversationResponses",
                column: "ReportId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConversationStatements_ConversationId_Number",
                table: "ConversationStatements",
                columns: new[] { "ConversationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConversationVotes_ConversationId_CastAt",
                table: "ConversationVotes",
                columns: new[] { "ConversationId", "CastAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationVotes_ConversationId_Participant",
                table: "ConversationVotes",
                columns: new[] { "ConversationId", "Participant" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConversationResponsePoints");

            migrationBuilder.DropTable(
                name: "ConversationVotes");

            migrationBuilder.DropTable(
                name: "ConversationResponses");

            migrationBuilder.DropTable(
                name: "ConversationStatements");

            migrationBuilder.DropTable(
                name: "ConversationReports");

            migrationBuilder.DropTable(
                name: "ConversationMaps");

            migrationBuilder.DropTable(
                name: "Conversation");
        }
    }
}
