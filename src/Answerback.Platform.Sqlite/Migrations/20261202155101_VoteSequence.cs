using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Answerback.Platform.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "VoteSequence",
                table: "Conversation",
                type: "INTEGER",
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

            migrationBuilder.AddColumn<long>(
                name: "LastVoteAt",
                table: "ConversationMaps",
                type: "INTEGER",
                nullable: true);
        }
    }
}
