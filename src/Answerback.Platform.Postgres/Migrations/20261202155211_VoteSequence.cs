using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Answerback.Platform.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class VoteSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastVoteAt",
                table: "ConversationMaps");

            migrationBuilder.AddColumn<long>(
                name: "VoteSequence",
                table: "ConversationMaps",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "VoteSequence",
                table: "Conversation",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Existing votes count as that many steps, so every map computed before this migration is stale once
            // (it records 0) and is recomputed at start-up (ConversationsSchedule).
            migrationBuilder.Sql("""
                UPDATE "Conversation" SET "VoteSequence" = (SELECT COUNT(*) FROM "ConversationVotes" v WHERE v."ConversationId" = "Conversation"."Id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VoteSequence",
                table: "ConversationMaps");

            migrationBuilder.DropColumn(
                name: "VoteSequence",
                table: "Conversation");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastVoteAt",
                table: "ConversationMaps",
                type: "timestamp with time zone",
                nullable: true);
        }
    }
}
