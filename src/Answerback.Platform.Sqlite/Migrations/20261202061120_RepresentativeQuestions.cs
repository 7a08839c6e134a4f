using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Answerback.Platform.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RepresentativeQuestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RepresentativeQuestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AskedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowUpSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReminderSentAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                name: "RepresentativeQuestionRecipients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RepresentativeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AnswerText = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnswerRevisedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FollowUp = table.Column<int>(type: "INTEGER", nullable: true),
                    FollowUpAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepresentativeQuestionRecipients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RepresentativeQuestionRecipients_RepresentativeQuestions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "RepresentativeQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RepresentativeQuestionRecipients_Representatives_RepresentativeId",
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RepresentativeQuestionRecipients");

            migrationBuilder.DropTable(
                name: "RepresentativeQuestions");
        }
    }
}
