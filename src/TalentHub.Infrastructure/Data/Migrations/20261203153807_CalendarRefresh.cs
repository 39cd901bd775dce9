using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class CalendarRefresh : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "covers_after",
                table: "index_rebuilds",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "evaluation_date",
                table: "index_rebuilds",
                type: "date",
                nullable: true);

            // The nightly refresh finds the assessments turning stale on a date by (method, assessedAt) of the normalized
            // values: "METHOD yyyy-mm-dd" keys, looked up with && in a GIN index (the validity per method belongs to the
            // standard, so the key holds the assessment date, not the date it turns stale).
            migrationBuilder.Sql("""
                CREATE FUNCTION assessment_keys(normalized text) RETURNS text[]
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                    SELECT coalesce(array_agg(DISTINCT (v ->> 'method') || ' ' || (v ->> 'assessedAt')), '{}')
                    FROM jsonb_array_elements(normalized::jsonb) v
                    WHERE v ->> 'kind' IN ('COMPETENCY', 'POTENTIAL')
                $$;
                CREATE INDEX ix_normalized_records_assessment_keys ON normalized_records USING gin (assessment_keys(coalesce(observed, values)));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_normalized_records_assessment_keys;
                DROP FUNCTION assessment_keys(text);
                """);

            migrationBuilder.DropColumn(
                name: "covers_after",
                table: "index_rebuilds");

            migrationBuilder.DropColumn(
                name: "evaluation_date",
                table: "index_rebuilds");
        }
    }
}
