using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Answerback.Platform.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Accountability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditPosts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Network = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PostId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Handle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Time = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplyToPostId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReplyToAccountId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RepostOfId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    Mentions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditPosts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditSnapshots",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditSnapshots", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Representatives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Office = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PartyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Election = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TermStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TermEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PublicNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ExcludedNetwork = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Representatives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Representatives_Areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Representatives_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Representatives_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Representatives_Organisations_PartyOrganisationId",
                        column: x => x.PartyOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "PostImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RepresentativeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RequestedByPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    StoredPath = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    PostsRead = table.Column<long>(type: "INTEGER", nullable: false),
                    PostsAdded = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PostImports_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PostImports_Representatives_RepresentativeId",
                        column: x => x.RepresentativeId,
                        principalTable: "Representatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RepresentativeAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RepresentativeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Network = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Handle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    HandleKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepresentativeAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RepresentativeAccounts_Representatives_RepresentativeId",
                        column: x => x.RepresentativeId,
                        principalTable: "Representatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditPosts_ImportId",
                table: "AuditPosts",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditPosts_Network_PostId",
                table: "AuditPosts",
                columns: new[] { "Network", "PostId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostImports_OrganisationId_CreatedAt",
                table: "PostImports",
                columns: new[] { "OrganisationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PostImports_RepresentativeId",
                table: "PostImports",
                column: "RepresentativeId");

            migrationBuilder.CreateIndex(
                name: "IX_RepresentativeAccounts_Network_HandleKey",
                table: "RepresentativeAccounts",
                columns: new[] { "Network", "HandleKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RepresentativeAccounts_RepresentativeId",
                table: "RepresentativeAccounts",
                column: "RepresentativeId");

            migrationBuilder.CreateIndex(
                name: "IX_Representatives_AreaId",
                table: "Representatives",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_Representatives_OwnerOrganisationId_AreaId_Name",
                table: "Representatives",
                columns: new[] { "OwnerOrganisationId", "AreaId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Representatives_PartyOrganisationId",
                table: "Representatives",
                column: "PartyOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Representatives_PersonId",
                table: "Representatives",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditPosts");

            migrationBuilder.DropTable(
                name: "AuditSnapshots");

            migrationBuilder.DropTable(
                name: "PostImports");

            migrationBuilder.DropTable(
                name: "RepresentativeAccounts");

            migrationBuilder.DropTable(
                name: "Representatives");
        }
    }
}
