using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Answerback.Platform.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Wave4 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NotificationBroadcasts",
                columns: table => new
                {
                    EventKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Recipients = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationBroadcasts", x => x.EventKey);
                });

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

            migrationBuilder.CreateTable(
                name: "RepresentativeQuestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AreaId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AskedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    Slot = table.Column<int>(type: "integer", nullable: false),
                    FollowUpSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReminderSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepresentativeQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RepresentativeQuestions_Areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RepresentativeQuestions_AspNetUsers_AuthorPersonId",
                        column: x => x.AuthorPersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RepresentativeQuestions_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SentWebmentions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PairKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    Target = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Endpoint = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    StatusUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SentWebmentions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Webmentions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PairKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    Target = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    TargetPath = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    SourceHost = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AuthorUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VerifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VerificationQueued = table.Column<bool>(type: "boolean", nullable: false),
                    Notifications = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Webmentions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RepresentativeQuestionRecipients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionId = table.Column<Guid>(type: "uuid", nullable: false),
                    RepresentativeId = table.Column<Guid>(type: "uuid", nullable: false),
                    AnswerText = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnswerRevisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FollowUp = table.Column<int>(type: "integer", nullable: true),
                    FollowUpAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepresentativeQuestionRecipients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RepresentativeQuestionRecipients_RepresentativeQuestions_Qu~",
                        column: x => x.QuestionId,
                        principalTable: "RepresentativeQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RepresentativeQuestionRecipients_Representatives_Representa~",
                        column: x => x.RepresentativeId,
                        principalTable: "Representatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RepresentativeQuestionRecipients_QuestionId_RepresentativeId",
                table: "RepresentativeQuestionRecipients",
                columns: new[] { "QuestionId", "RepresentativeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RepresentativeQuestionRecipients_RepresentativeId",
                table: "RepresentativeQuestionRecipients",
                column: "RepresentativeId");

            migrationBuilder.CreateIndex(
                name: "IX_RepresentativeQuestions_AreaId",
                table: "RepresentativeQuestions",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_RepresentativeQuestions_AuthorPersonId_Day_Slot",
                table: "RepresentativeQuestions",
                columns: new[] { "AuthorPersonId", "Day", "Slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RepresentativeQuestions_FollowUpSentAt_AskedAt",
                table: "RepresentativeQuestions",
                columns: new[] { "FollowUpSentAt", "AskedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RepresentativeQuestions_OwnerOrganisationId",
                table: "RepresentativeQuestions",
                column: "OwnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_SentWebmentions_PairKey",
                table: "SentWebmentions",
                column: "PairKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Webmentions_PairKey",
                table: "Webmentions",
                column: "PairKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Webmentions_TargetPath_State",
                table: "Webmentions",
                columns: new[] { "TargetPath", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NotificationBroadcasts");

            migrationBuilder.DropTable(
                name: "PrimaryBoardPending");

            migrationBuilder.DropTable(
                name: "RepresentativeQuestionRecipients");

            migrationBuilder.DropTable(
                name: "SentWebmentions");

            migrationBuilder.DropTable(
                name: "Webmentions");

            migrationBuilder.DropTable(
                name: "RepresentativeQuestions");
        }
    }
}
