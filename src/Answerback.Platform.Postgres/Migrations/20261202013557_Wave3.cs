using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Answerback.Platform.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Wave3 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QueuedEmails_NotBefore",
                table: "QueuedEmails");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SendingSince",
                table: "QueuedEmails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "State",
                table: "QueuedEmails",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "UnsubscribeUrl",
                table: "QueuedEmails",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "PhoneNumber",
                table: "AspNetUsers",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "AspNetUserTokens",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "LoginProvider",
                table: "AspNetUserTokens",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "ProviderKey",
                table: "AspNetUserLogins",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "LoginProvider",
                table: "AspNetUserLogins",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.CreateTable(
                name: "AspNetUserPasskeys",
                columns: table => new
                {
                    CredentialId = table.Column<byte[]>(type: "bytea", maxLength: 1024, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Data = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserPasskeys", x => x.CredentialId);
                    table.ForeignKey(
                        name: "FK_AspNetUserPasskeys_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AuditPosts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Network = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PostId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    AccountId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Handle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    ReplyToPostId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReplyToAccountId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RepostOfId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Text = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    Mentions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditPosts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditSnapshots",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditSnapshots", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "CommentPosters",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    LastPostedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommentPosters", x => x.PersonId);
                    table.ForeignKey(
                        name: "FK_CommentPosters_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Comments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ThreadKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ThreadId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    RootId = table.Column<Guid>(type: "uuid", nullable: false),
                    Depth = table.Column<int>(type: "integer", nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Body = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    BodyHtml = table.Column<string>(type: "text", nullable: false),
                    Fingerprint = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EditedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Comments_AspNetUsers_AuthorPersonId",
                        column: x => x.AuthorPersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Comments_Comments_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Comments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "ModerationDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: true),
                    ModeratorRole = table.Column<int>(type: "integer", nullable: false),
                    ModeratorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    PublicPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OverturnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FlaggedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    SubjectKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "NotificationPreferences",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    WeeklyDigest = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationPreferences", x => new { x.PersonId, x.Kind });
                    table.ForeignKey(
                        name: "FK_NotificationPreferences_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    LinkPath = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Delivery = table.Column<int>(type: "integer", nullable: false),
                    DigestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Primaries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AreaId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    Method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Electorate = table.Column<int>(type: "integer", nullable: false),
                    NominationsOpen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HustingsOpen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VotingOpens = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VotingCloses = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CountSeed = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResultPublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                name: "Representatives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Office = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AreaId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartyOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    PartyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Election = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TermStart = table.Column<DateOnly>(type: "date", nullable: true),
                    TermEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    PublicNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ExcludedNetwork = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
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
                name: "CommentRevisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommentId = table.Column<Guid>(type: "uuid", nullable: false),
                    BodyHtml = table.Column<string>(type: "text", nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReplacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommentRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommentRevisions_Comments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "Comments",
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
                name: "ModerationAppeals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DecisionId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AppealedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Response = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeciderRole = table.Column<int>(type: "integer", nullable: true),
                    DeciderPersonId = table.Column<Guid>(type: "uuid", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "Candidates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    OrderNumber = table.Column<int>(type: "integer", nullable: true),
                    Statement = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    NominatedByPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    NominatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    AskedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    Slot = table.Column<int>(type: "integer", nullable: false)
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
                name: "PrimaryBallots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    TrackingCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Salt = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrimaryBallots_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrimaryBoardCheckpoints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryBoardCheckpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrimaryBoardCheckpoints_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrimaryBoardEntries",
                columns: table => new
                {
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    TrackingCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Commitment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryBoardEntries", x => new { x.PrimaryId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_PrimaryBoardEntries_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrimaryBoardHeads",
                columns: table => new
                {
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sealed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryBoardHeads", x => x.PrimaryId);
                    table.ForeignKey(
                        name: "FK_PrimaryBoardHeads_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrimaryCredentialExports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExportedByPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Issued = table.Column<int>(type: "integer", nullable: false),
                    Replaced = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryCredentialExports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrimaryCredentialExports_AspNetUsers_ExportedByPersonId",
                        column: x => x.ExportedByPersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PrimaryCredentialExports_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrimaryCredentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    RegisterEntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Used = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryCredentials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PrimaryCredentials_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PrimaryCredentials_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PrimaryCredentials_RegisterEntries_RegisterEntryId",
                        column: x => x.RegisterEntryId,
                        principalTable: "RegisterEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrimaryLogEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Change = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false)
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
                name: "PrimaryResults",
                columns: table => new
                {
                    PrimaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportJson = table.Column<string>(type: "text", nullable: false),
                    CountedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrimaryResults", x => x.PrimaryId);
                    table.ForeignKey(
                        name: "FK_PrimaryResults_Primaries_PrimaryId",
                        column: x => x.PrimaryId,
                        principalTable: "Primaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PostImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RepresentativeId = table.Column<Guid>(type: "uuid", nullable: true),
                    RequestedByPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    StoredPath = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    PostsRead = table.Column<long>(type: "bigint", nullable: false),
                    PostsAdded = table.Column<long>(type: "bigint", nullable: false),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RepresentativeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Network = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Handle = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    HandleKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    AccountId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
                name: "HustingsAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CandidateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "IX_QueuedEmails_State_NotBefore",
                table: "QueuedEmails",
                columns: new[] { "State", "NotBefore" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserPasskeys_UserId",
                table: "AspNetUserPasskeys",
                column: "UserId");

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
                name: "IX_Candidates_PersonId",
                table: "Candidates",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Candidates_PrimaryId_PersonId",
                table: "Candidates",
                columns: new[] { "PrimaryId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommentRevisions_CommentId_ReplacedAt",
                table: "CommentRevisions",
                columns: new[] { "CommentId", "ReplacedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_AuthorPersonId_CreatedAt",
                table: "Comments",
                columns: new[] { "AuthorPersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ParentId",
                table: "Comments",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_RootId",
                table: "Comments",
                column: "RootId");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ThreadKind_ThreadId_Depth_CreatedAt",
                table: "Comments",
                columns: new[] { "ThreadKind", "ThreadId", "Depth", "CreatedAt" });

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

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Delivery_DigestedAt",
                table: "Notifications",
                columns: new[] { "Delivery", "DigestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_PersonId_EventKey",
                table: "Notifications",
                columns: new[] { "PersonId", "EventKey" },
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
                name: "IX_Primaries_AreaId",
                table: "Primaries",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_Primaries_OrganisationId",
                table: "Primaries",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryBallots_PrimaryId_TrackingCode",
                table: "PrimaryBallots",
                columns: new[] { "PrimaryId", "TrackingCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryBoardCheckpoints_PrimaryId_PublishedAt",
                table: "PrimaryBoardCheckpoints",
                columns: new[] { "PrimaryId", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryBoardEntries_PrimaryId_TrackingCode",
                table: "PrimaryBoardEntries",
                columns: new[] { "PrimaryId", "TrackingCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryCredentialExports_ExportedByPersonId",
                table: "PrimaryCredentialExports",
                column: "ExportedByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryCredentialExports_PrimaryId",
                table: "PrimaryCredentialExports",
                column: "PrimaryId");

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryCredentials_PersonId",
                table: "PrimaryCredentials",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryCredentials_PrimaryId_CodeHash",
                table: "PrimaryCredentials",
                columns: new[] { "PrimaryId", "CodeHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryCredentials_PrimaryId_PersonId",
                table: "PrimaryCredentials",
                columns: new[] { "PrimaryId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryCredentials_PrimaryId_RegisterEntryId",
                table: "PrimaryCredentials",
                columns: new[] { "PrimaryId", "RegisterEntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryCredentials_RegisterEntryId",
                table: "PrimaryCredentials",
                column: "RegisterEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_PrimaryLogEntries_PrimaryId_At",
                table: "PrimaryLogEntries",
                columns: new[] { "PrimaryId", "At" });

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
                name: "AspNetUserPasskeys");

            migrationBuilder.DropTable(
                name: "AuditPosts");

            migrationBuilder.DropTable(
                name: "AuditSnapshots");

            migrationBuilder.DropTable(
                name: "CommentPosters");

            migrationBuilder.DropTable(
                name: "CommentRevisions");

            migrationBuilder.DropTable(
                name: "ConversationResponsePoints");

            migrationBuilder.DropTable(
                name: "ConversationVotes");

            migrationBuilder.DropTable(
                name: "HustingsAnswers");

            migrationBuilder.DropTable(
                name: "HustingsSupports");

            migrationBuilder.DropTable(
                name: "ModerationAppeals");

            migrationBuilder.DropTable(
                name: "ModerationFlags");

            migrationBuilder.DropTable(
                name: "ModerationHolds");

            migrationBuilder.DropTable(
                name: "NotificationPreferences");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "PostImports");

            migrationBuilder.DropTable(
                name: "PrimaryBallots");

            migrationBuilder.DropTable(
                name: "PrimaryBoardCheckpoints");

            migrationBuilder.DropTable(
                name: "PrimaryBoardEntries");

            migrationBuilder.DropTable(
                name: "PrimaryBoardHeads");

            migrationBuilder.DropTable(
                name: "PrimaryCredentialExports");

            migrationBuilder.DropTable(
                name: "PrimaryCredentials");

            migrationBuilder.DropTable(
                name: "PrimaryLogEntries");

            migrationBuilder.DropTable(
                name: "PrimaryResults");

            migrationBuilder.DropTable(
                name: "RepresentativeAccounts");

            migrationBuilder.DropTable(
                name: "Comments");

            migrationBuilder.DropTable(
                name: "ConversationResponses");

            migrationBuilder.DropTable(
                name: "ConversationStatements");

            migrationBuilder.DropTable(
                name: "Candidates");

            migrationBuilder.DropTable(
                name: "HustingsQuestions");

            migrationBuilder.DropTable(
                name: "ModerationDecisions");

            migrationBuilder.DropTable(
                name: "Representatives");

            migrationBuilder.DropTable(
                name: "ConversationReports");

            migrationBuilder.DropTable(
                name: "Primaries");

            migrationBuilder.DropTable(
                name: "ConversationMaps");

            migrationBuilder.DropTable(
                name: "Conversation");

            migrationBuilder.DropIndex(
                name: "IX_QueuedEmails_State_NotBefore",
                table: "QueuedEmails");

            migrationBuilder.DropColumn(
                name: "SendingSince",
                table: "QueuedEmails");

            migrationBuilder.DropColumn(
                name: "State",
                table: "QueuedEmails");

            migrationBuilder.DropColumn(
                name: "UnsubscribeUrl",
                table: "QueuedEmails");

            migrationBuilder.AlterColumn<string>(
                name: "PhoneNumber",
                table: "AspNetUsers",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "AspNetUserTokens",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(128)",
                oldMaxLength: 128);

            migrationBuilder.AlterColumn<string>(
                name: "LoginProvider",
                table: "AspNetUserTokens",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(128)",
                oldMaxLength: 128);

            migrationBuilder.AlterColumn<string>(
                name: "ProviderKey",
                table: "AspNetUserLogins",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(128)",
                oldMaxLength: 128);

            migrationBuilder.AlterColumn<string>(
                name: "LoginProvider",
                table: "AspNetUserLogins",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(128)",
                oldMaxLength: 128);

            migrationBuilder.CreateIndex(
                name: "IX_QueuedEmails_NotBefore",
                table: "QueuedEmails",
                column: "NotBefore");
        }
    }
}
