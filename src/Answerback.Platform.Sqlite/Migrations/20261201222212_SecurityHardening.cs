using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Answerback.Platform.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SecurityHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlatformSecrets");

            migrationBuilder.AddColumn<bool>(
                name: "CreatedInDemo",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "QueuedEmails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", nullable: false),
                    HtmlBody = table.Column<string>(type: "TEXT", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    EnqueuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NotBefore = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueuedEmails", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegisterHolders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApprovedByPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisterHolders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegisterHolders_Areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RegisterHolders_AspNetUsers_ApprovedByPersonId",
                        column: x => x.ApprovedByPersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_RegisterHolders_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResidencyDisputes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegisterEntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedByPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HolderPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ElectorNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CodeIssuedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FailedCodeAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FlaggedForModeration = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResidencyDisputes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResidencyDisputes_AspNetUsers_HolderPersonId",
                        column: x => x.HolderPersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ResidencyDisputes_AspNetUsers_RequestedByPersonId",
                        column: x => x.RequestedByPersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ResidencyDisputes_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ResidencyDisputes_RegisterEntries_RegisterEntryId",
                        column: x => x.RegisterEntryId,
                        principalTable: "RegisterEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QueuedEmails_NotBefore",
                table: "QueuedEmails",
                column: "NotBefore");

            migrationBuilder.CreateIndex(
                name: "IX_RegisterHolders_ApprovedByPersonId",
                table: "RegisterHolders",
                column: "ApprovedByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_RegisterHolders_AreaId",
                table: "RegisterHolders",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_RegisterHolders_OrganisationId_AreaId",
                table: "RegisterHolders",
                columns: new[] { "OrganisationId", "AreaId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResidencyDisputes_HolderPersonId",
                table: "ResidencyDisputes",
                column: "HolderPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ResidencyDisputes_OrganisationId_Status",
                table: "ResidencyDisputes",
                columns: new[] { "OrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ResidencyDisputes_RegisterEntryId",
                table: "ResidencyDisputes",
                column: "RegisterEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_ResidencyDisputes_RequestedByPersonId_Status",
                table: "ResidencyDisputes",
                columns: new[] { "RequestedByPersonId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QueuedEmails");

            migrationBuilder.DropTable(
                name: "RegisterHolders");

            migrationBuilder.DropTable(
                name: "ResidencyDisputes");

            migrationBuilder.DropColumn(
                name: "CreatedInDemo",
                table: "AspNetUsers");

            migrationBuilder.CreateTable(
                name: "PlatformSecrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformSecrets", x => x.Name);
                });
        }
    }
}
