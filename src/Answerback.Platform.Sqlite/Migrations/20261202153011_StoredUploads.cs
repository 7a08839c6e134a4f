using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Answerback.Platform.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StoredUploads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StoredPath",
                table: "PostImports");

            migrationBuilder.AddColumn<Guid>(
                name: "UploadId",
                table: "PostImports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StoredUploads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredUploads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StoredUploadChunks",
                columns: table => new
                {
                    UploadId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredUploadChunks", x => new { x.UploadId, x.Index });
                    table.ForeignKey(
                        name: "FK_StoredUploadChunks_StoredUploads_UploadId",
                        column: x => x.UploadId,
                        principalTable: "StoredUploads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PostImports_UploadId",
                table: "PostImports",
                column: "UploadId");

            migrationBuilder.CreateIndex(
                name: "IX_StoredUploads_CreatedAt",
                table: "StoredUploads",
                column: "CreatedAt");

            migrationBuilder.AddForeignKey(
                name: "FK_PostImports_StoredUploads_UploadId",
                table: "PostImports",
                column: "UploadId",
                principalTable: "StoredUploads",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PostImports_StoredUploads_UploadId",
                table: "PostImports");

            migrationBuilder.DropTable(
                name: "StoredUploadChunks");

            migrationBuilder.DropTable(
                name: "StoredUploads");

            migrationBuilder.DropIndex(
                name: "IX_PostImports_UploadId",
                table: "PostImports");

            migrationBuilder.DropColumn(
                name: "UploadId",
                table: "PostImports");

            migrationBuilder.AddColumn<string>(
                name: "StoredPath",
                table: "PostImports",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");
        }
    }
}
