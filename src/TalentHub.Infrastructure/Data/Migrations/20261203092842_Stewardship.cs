using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Stewardship : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "decision_id",
                table: "conflicts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "evidence",
                table: "conflicts",
                type: "text[]",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolution_reason",
                table: "conflicts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolved_at",
                table: "conflicts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolved_by",
                table: "conflicts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "scope",
                table: "conflicts",
                type: "character varying(65)",
                maxLength: 65,
                nullable: true);

            // conflicts.row_version is PostgreSQL's xmin system column: nothing to add.
            // Conflicts opened before this migration get the scope reconciliation now gives them (the pair of agencies).
            migrationBuilder.Sql(
                """
                UPDATE conflicts c SET scope = (
                    SELECT string_agg(agency, '|' ORDER BY agency COLLATE "C")
                    FROM (SELECT DISTINCT x ->> 'agencyCode' AS agency FROM jsonb_array_elements(c.candidates::jsonb) AS x) agencies)
                WHERE c.kind = 'OVERLAPPING_POSITIONS'
                """);

            migrationBuilder.CreateTable(
                name: "separated_pairs",
                columns: table => new
                {
                    nip_a = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    nip_b = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    evidence = table.Column<string[]>(type: "text[]", nullable: false),
                    decision_id = table.Column<Guid>(type: "uuid", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_separated_pairs", x => new { x.nip_a, x.nip_b });
                    table.CheckConstraint("ck_separated_pairs_ordered", "nip_a < nip_b");
                });

            migrationBuilder.CreateTable(
                name: "steward_decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    nip = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    other_nip = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    conflict_id = table.Column<Guid>(type: "uuid", nullable: true),
                    conflict_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    year = table.Column<int>(type: "integer", nullable: true),
                    scope = table.Column<string>(type: "character varying(65)", maxLength: 65, nullable: true),
                    chosen_agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    chosen_value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    basis = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    decided_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lapsed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_steward_decisions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_separated_pairs_nip_b",
                table: "separated_pairs",
                column: "nip_b");

            migrationBuilder.CreateIndex(
                name: "ix_steward_decisions_nip_id",
                table: "steward_decisions",
                columns: new[] { "nip", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_steward_decisions_other_nip_id",
                table: "steward_decisions",
                columns: new[] { "other_nip", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_steward_decisions_resolutions_in_force",
                table: "steward_decisions",
                column: "nip",
                filter: "kind = 'RESOLUTION' AND lapsed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "separated_pairs");

            migrationBuilder.DropTable(
                name: "steward_decisions");

            migrationBuilder.DropColumn(
                name: "decision_id",
                table: "conflicts");

            migrationBuilder.DropColumn(
                name: "evidence",
                table: "conflicts");

            migrationBuilder.DropColumn(
                name: "resolution_reason",
                table: "conflicts");

            migrationBuilder.DropColumn(
                name: "resolved_at",
                table: "conflicts");

            migrationBuilder.DropColumn(
                name: "resolved_by",
                table: "conflicts");

            migrationBuilder.DropColumn(
                name: "scope",
                table: "conflicts");
        }
    }
}
