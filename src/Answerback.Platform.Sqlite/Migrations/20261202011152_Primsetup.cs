using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Answerback.Platform.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Primsetup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Primaries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Seats = table.Column<int>(type: "INTEGER", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Electorate = table.Column<int>(type: "INTEGER", nullable: false),
                    NominationsOpen = table.Column<long>(type: "INTEGER", nullable: false),
                    HustingsOpen = table.Column<long>(type: "INTEGER", nullable: false),
                    VotingOpens = table.Column<long>(type: "INTEGER", nullable: false),
                    VotingCloses = table.Column<long>(type: "INTEGER", nullable: false),
                    CountSeed = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResultPublishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Primaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Primaries_Areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Primaries_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Candidates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PrimaryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    OrderNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Statement = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    NominatedByPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NominatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Candidates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Candidates_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Candidates_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HustingsQuestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PrimaryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AskedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HustingsQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HustingsQuestions_AspNetUsers_AuthorPersonId",
                        column: x => x.AuthorPersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HustingsQuestions_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrimaryLogEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PrimaryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryLogEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrimaryLogEntries_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HustingsAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevisedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HustingsAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HustingsAnswers_Candidates_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "Candidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HustingsAnswers_HustingsQuestions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "HustingsQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HustingsSupports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HustingsSupports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HustingsSupports_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HustingsSupports_HustingsQuestions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "HustingsQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Candidates_PersonId",
                table: "Candidates",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Candidates_PrimaryId_PersonId",
                table: "Candidates",
                columns: new[] { "PrimaryId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HustingsAnswers_CandidateId",
                table: "HustingsAnswers",
                column: "CandidateId");

            migrationBuilder.CreateIndex(
                name: "IX_HustingsAnswers_QuestionId_CandidateId",
                table: "HustingsAnswers",
                columns: new[] { "QuestionId", "CandidateId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HustingsQuestions_AuthorPersonId",
                table: "HustingsQuestions",
                column: "AuthorPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_HustingsQuestions_PrimaryId_AuthorPersonId_Day_Slot",
                table: "HustingsQuestions",
                columns: new[] { "PrimaryId", "AuthorPersonId", "Day", "Slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HustingsSupports_PersonId",
                table: "HustingsSupports",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_HustingsSupports_QuestionId_PersonId",
                table: "HustingsSupports",
                columns: new[] { "QuestionId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Primaries_AreaId",
                table: "Primaries",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_Primaries_OrganisationId",
                table: "Primaries",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryLogEntries_PrimaryId_At",
                table: "PrimaryLogEntries",
                columns: new[] { "PrimaryId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HustingsAnswers");

            migrationBuilder.DropTable(
                name: "HustingsSupports");

            migrationBuilder.DropTable(
                name: "PrimaryLogEntries");

            migrationBuilder.DropTable(
                name: "Candidates");

            migrationBuilder.DropTable(
                name: "HustingsQuestions");

            migrationBuilder.DropTable(
                name: "Primaries");
        }
    }
}
