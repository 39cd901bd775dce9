using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TalentHub.Domain.Agencies;
using TalentHub.Domain.Standard;

namespace TalentHub.Infrastructure.Data;

public sealed class TalentHubDbContext(DbContextOptions<TalentHubDbContext> options) : DbContext(options)
{
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<Competency> Competencies => Set<Competency>();
    public DbSet<CompetencyLevel> CompetencyLevels => Set<CompetencyLevel>();
    public DbSet<PositionLevelStandard> PositionLevels => Set<PositionLevelStandard>();
    public DbSet<StandardLevel> StandardLevels => Set<StandardLevel>();
    public DbSet<AssessmentMethod> Methods => Set<AssessmentMethod>();
    public DbSet<Grade> Grades => Set<Grade>();
    public DbSet<Province> Provinces => Set<Province>();
    public DbSet<JpmThreshold> JpmThresholds => Set<JpmThreshold>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<StagedRecord> StagedRecords => Set<StagedRecord>();
    public DbSet<StagedRecordState> RecordStates => Set<StagedRecordState>();
    public DbSet<StagedRecordError> RecordErrors => Set<StagedRecordError>();
    public DbSet<AgencyScaleVersion> ScaleVersions => Set<AgencyScaleVersion>();
    public DbSet<DictionaryEntry> DictionaryEntries => Set<DictionaryEntry>();
    public DbSet<NormalizedRecord> NormalizedRecords => Set<NormalizedRecord>();
    public DbSet<PendingMapping> PendingMappings => Set<PendingMapping>();
    public DbSet<Renormalization> Renormalizations => Set<Renormalization>();
    public DbSet<Profile> Profiles => Set<Profile>();
    public DbSet<ProfileVersion> ProfileVersions => Set<ProfileVersion>();
    public DbSet<ChangeFeedEntry> ChangeFeed => Set<ChangeFeedEntry>();
    public DbSet<Conflict> Conflicts => Set<Conflict>();
    public DbSet<StewardDecision> StewardDecisions => Set<StewardDecision>();
    public DbSet<SeparatedPair> SeparatedPairs => Set<SeparatedPair>();
    public DbSet<Export> Exports => Set<Export>();
    public DbSet<ExportChunk> ExportChunks => Set<ExportChunk>();
    public DbSet<PiiAccess> PiiAccessLog => Set<PiiAccess>();
    public DbSet<IndexRebuild> IndexRebuilds => Set<IndexRebuild>();
    public DbSet<ChunkCommit> ChunkCommits => Set<ChunkCommit>();
    public DbSet<NineBoxCount> NineBoxCounts => Set<NineBoxCount>();
    public DbSet<NineBoxNationalCount> NineBoxNationalCounts => Set<NineBoxNationalCount>();
    public DbSet<CompetencyLevelCount> CompetencyLevelCounts => Set<CompetencyLevelCount>();
    public DbSet<CompetencyRollupCount> CompetencyRollupCounts => Set<CompetencyRollupCount>();
    public DbSet<Vacancy> Vacancies => Set<Vacancy>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<AgencyKind>().HaveConversion<UpperSnakeEnumConverter<AgencyKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<CompetencyGroup>().HaveConversion<UpperSnakeEnumConverter<CompetencyGroup>>().HaveMaxLength(32);
        configurationBuilder.Properties<PositionLevel>().HaveConversion<UpperSnakeEnumConverter<PositionLevel>>().HaveMaxLength(32);
        configurationBuilder.Properties<EmploymentType>().HaveConversion<UpperSnakeEnumConverter<EmploymentType>>().HaveMaxLength(8);
        configurationBuilder.Properties<JpmCategory>().HaveConversion<UpperSnakeEnumConverter<JpmCategory>>().HaveMaxLength(32);
        configurationBuilder.Properties<SubmissionFormat>().HaveConversion<UpperSnakeEnumConverter<SubmissionFormat>>().HaveMaxLength(16);
        configurationBuilder.Properties<SubmissionStatus>().HaveConversion<UpperSnakeEnumConverter<SubmissionStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<RecordState>().HaveConversion<UpperSnakeEnumConverter<RecordState>>().HaveMaxLength(16);
        configurationBuilder.Properties<RenormalizationStatus>().HaveConversion<UpperSnakeEnumConverter<RenormalizationStatus>>().HaveMaxLength(16);
        configurationBuilder.Properties<PendingKind>().HaveConversion<UpperSnakeEnumConverter<PendingKind>>().HaveMaxLength(16);
    }

    /// <summary>
    /// The large JSON columns (records, their normalized values, profiles and their history) are compressed with lz4
    /// rather than the server's default pglz: on the bulk paths pglz was a third of the database's time writing profiles.
    /// </summary>
    private const string Lz4 = "lz4";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Agency>(agency =>
        {
            agency.HasKey(a => a.Code);
            agency.Property(a => a.Code).HasMaxLength(AgencyCode.MaxLength);
            agency.Property(a => a.Name).HasMaxLength(200);
            agency.Property(a => a.ProvinceCode).HasMaxLength(2);
            agency.HasOne<Province>().WithMany().HasForeignKey(a => a.ProvinceCode).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ApiClient>(client =>
        {
            client.HasKey(c => c.ClientId);
            client.Property(c => c.ClientId).HasMaxLength(64);
            client.Property(c => c.Name).HasMaxLength(200);
            client.Property(c => c.SecretHash).HasMaxLength(32);
            client.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyCode).OnDelete(DeleteBehavior.Restrict);
            client.HasIndex(c => c.CreatedAt);
        });

        modelBuilder.Entity<Competency>(competency =>
        {
            competency.HasKey(c => c.Code);
            competency.Property(c => c.Code).HasMaxLength(32);
            competency.Property(c => c.Name).HasMaxLength(200);
            competency.Property(c => c.NameEn).HasMaxLength(200);
            competency.Property(c => c.Family).HasMaxLength(16);
            competency.Property(c => c.FamilyName).HasMaxLength(200);
        });

        modelBuilder.Entity<CompetencyLevel>(level =>
        {
            level.HasKey(l => l.Level);
            level.Property(l => l.Level).ValueGeneratedNever();
            level.Property(l => l.Name).HasMaxLength(100);
            level.Property(l => l.Meaning).HasMaxLength(500);
        });

        modelBuilder.Entity<PositionLevelStandard>(position =>
        {
            position.ToTable("position_levels");
            position.HasKey(p => p.PositionLevel);
            position.PrimitiveCollection(p => p.Feeders).ElementType(element =>
                element.HasConversion<UpperSnakeEnumConverter<PositionLevel>>());
        });

        modelBuilder.Entity<StandardLevel>(standard =>
        {
            standard.HasKey(s => new { s.PositionLevel, s.CompetencyCode });
            standard.Property(s => s.CompetencyCode).HasMaxLength(32);
            standard.HasOne<PositionLevelStandard>().WithMany().HasForeignKey(s => s.PositionLevel).OnDelete(DeleteBehavior.Cascade);
            standard.HasOne<Competency>().WithMany().HasForeignKey(s => s.CompetencyCode).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<AssessmentMethod>(method =>
        {
            method.ToTable("methods");
            method.HasKey(m => m.Code);
            method.Property(m => m.Code).HasMaxLength(32);
            method.Property(m => m.Name).HasMaxLength(200);
        });

        modelBuilder.Entity<Grade>(grade =>
        {
            grade.HasKey(g => new { g.EmploymentType, g.Code });
            grade.Property(g => g.Code).HasMaxLength(8);
            grade.Property(g => g.Name).HasMaxLength(100);
        });

        modelBuilder.Entity<Province>(province =>
        {
            province.HasKey(p => p.Code);
            province.Property(p => p.Code).HasMaxLength(2);
            province.Property(p => p.Name).HasMaxLength(100);
        });

        modelBuilder.Entity<JpmThreshold>(threshold =>
        {
            threshold.HasKey(t => t.Category);
            threshold.Property(t => t.MinimumJpm).HasPrecision(5, 2);
        });

        modelBuilder.Entity<Submission>(submission =>
        {
            submission.HasKey(s => s.Id);
            submission.Property(s => s.AgencyCode).HasMaxLength(AgencyCode.MaxLength);
            submission.Property(s => s.ClientId).HasMaxLength(64);
            submission.Property(s => s.IdempotencyKey).HasMaxLength(255);
            submission.Property(s => s.RequestHash).HasMaxLength(32);
            submission.Property(s => s.ProgressPhase).HasMaxLength(32);
            submission.Property(s => s.FailureReason).HasMaxLength(1000);
            submission.HasIndex(s => new { s.AgencyCode, s.IdempotencyKey }).IsUnique();
            submission.HasIndex(s => new { s.AgencyCode, s.ReceivedAt, s.Id });
            submission.HasIndex(s => s.Status);
            submission.HasOne<Agency>().WithMany().HasForeignKey(s => s.AgencyCode).OnDelete(DeleteBehavior.Restrict);
        });

        // Staged rows and their errors are written only by binary COPY for a submission that exists by construction;
        // they carry no foreign key, whose per-row check would tax the bulk path.
        modelBuilder.Entity<StagedRecord>(record =>
        {
            record.HasKey(r => new { r.SubmissionId, r.RecordIndex });
            record.Property(r => r.Nip).HasMaxLength(64);
            record.Property(r => r.IngestError).HasMaxLength(500);
            record.Property(r => r.Raw).UseCompressionMethod(Lz4);
        });

        modelBuilder.Entity<StagedRecordState>(state =>
        {
            state.ToTable("record_states");
            state.HasKey(s => new { s.SubmissionId, s.RecordIndex });
        });

        modelBuilder.Entity<StagedRecordError>(error =>
        {
            error.ToTable("record_errors");
            error.HasKey(e => new { e.SubmissionId, e.RecordIndex, e.Seq });
            error.Property(e => e.Nip).HasMaxLength(64);
            error.Property(e => e.Pointer).HasMaxLength(300);
            error.Property(e => e.Code).HasMaxLength(64);
            error.Property(e => e.Message).HasMaxLength(500);
        });

        modelBuilder.Entity<AgencyScaleVersion>(scale =>
        {
            scale.ToTable("agency_scales");
            scale.HasKey(s => new { s.AgencyCode, s.ScaleCode, s.Version });
            scale.Property(s => s.AgencyCode).HasMaxLength(AgencyCode.MaxLength);
            scale.Property(s => s.ScaleCode).HasMaxLength(64);
            // Text, not jsonb: jsonb reorders keys, and the stored text is what the ETag of the scale is computed from.
            scale.Property(s => s.Definition).HasMaxLength(100_000);
            scale.Property(s => s.CreatedBy).HasMaxLength(64);
            scale.HasOne<Agency>().WithMany().HasForeignKey(s => s.AgencyCode).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<DictionaryEntry>(entry =>
        {
            entry.HasKey(e => new { e.AgencyCode, e.CanonicalName });
            entry.Property(e => e.AgencyCode).HasMaxLength(AgencyCode.MaxLength);
            entry.Property(e => e.CanonicalName).HasMaxLength(200);
            entry.Property(e => e.AgencyCompetency).HasMaxLength(200);
            entry.Property(e => e.NationalCode).HasMaxLength(32);
            entry.HasOne<Agency>().WithMany().HasForeignKey(e => e.AgencyCode).OnDelete(DeleteBehavior.Restrict);
        });

        // Like staged records, written only by binary COPY from the processing jobs. The NIP ends every NIP-keyed table's
        // key (deploy/README.md, "Past one server"): the distribution column of a Citus cluster, a no-op on one server.
        modelBuilder.Entity<NormalizedRecord>(record =>
        {
            record.HasKey(r => new { r.SubmissionId, r.RecordIndex, r.Nip });
            record.Property(r => r.AgencyCode).HasMaxLength(AgencyCode.MaxLength);
            record.Property(r => r.Nip).HasMaxLength(64);
            record.HasIndex(r => r.MappingKeys).HasMethod("gin");
            record.HasIndex(r => r.AssessmentKeys).HasMethod("gin");
            record.Property(r => r.Values).UseCompressionMethod(Lz4);
            record.Property(r => r.Observation).UseCompressionMethod(Lz4);
        });

        modelBuilder.Entity<PendingMapping>(pending =>
        {
            pending.HasKey(p => new { p.SubmissionId, p.RecordIndex, p.Seq });
            pending.Property(p => p.AgencyCode).HasMaxLength(AgencyCode.MaxLength);
            pending.Property(p => p.ScaleCode).HasMaxLength(64);
            pending.Property(p => p.Value).HasMaxLength(200);
            pending.Property(p => p.CanonicalValue).HasMaxLength(200);
            pending.Property(p => p.Pointer).HasMaxLength(300);
            pending.HasIndex(p => new { p.AgencyCode, p.Kind, p.ScaleCode, p.CanonicalValue });
        });

        modelBuilder.Entity<Renormalization>(run =>
        {
            run.HasKey(r => r.Id);
            run.Property(r => r.AgencyCode).HasMaxLength(AgencyCode.MaxLength);
            run.HasIndex(r => new { r.AgencyCode, r.CreatedAt });
        });

        modelBuilder.Entity<Profile>(profile =>
        {
            profile.HasKey(p => p.Nip);
            profile.Property(p => p.Nip).HasMaxLength(18);
            profile.Property(p => p.ContentHash).HasMaxLength(32);
            profile.Property(p => p.EmployingAgency).HasMaxLength(AgencyCode.MaxLength);
            profile.Property(p => p.Status).HasMaxLength(32);
            profile.Property(p => p.PositionLevel).HasMaxLength(32);
            profile.Property(p => p.WorkProvince).HasMaxLength(2);
            profile.Property(p => p.Jpm).HasPrecision(5, 2);
            profile.Property(p => p.JpmCategory).HasMaxLength(32);
            profile.Property(p => p.Name).HasMaxLength(200);
            profile.Property(p => p.MergedInto).HasMaxLength(18);
            profile.HasIndex(p => new { p.EmployingAgency, p.Nip });
            profile.HasIndex(p => new { p.PositionLevel, p.Nip });
            profile.HasIndex(p => new { p.Box, p.Nip });
            profile.Property(p => p.NikKey).HasMaxLength(16);
            profile.Property(p => p.NameKey).HasMaxLength(300);
            // With the NIP second, "the first n others with this key" is an index range, never a scan.
            profile.HasIndex(p => new { p.NikKey, p.Nip });
            profile.HasIndex(p => new { p.NameKey, p.Nip });
            // Partial: only aliases are looked up by it, and a full index would tempt the planner into "merged_into IS NULL" scans.
            profile.HasIndex(p => p.MergedInto).HasFilter("merged_into IS NOT NULL");
            profile.Property(p => p.UnplacedReasons).HasMaxLength(32);
            profile.Property(p => p.Analytics).HasColumnType("jsonb").UseCompressionMethod(Lz4);
            profile.Property(p => p.Content).UseCompressionMethod(Lz4);
            profile.Property(p => p.Provenance).UseCompressionMethod(Lz4);
        });

        modelBuilder.Entity<NineBoxCount>(count =>
        {
            count.HasKey(c => new { c.AgencyCode, c.ProvinceCode, c.PositionLevel, c.Box, c.Unplaced, c.Shard });
            count.Property(c => c.AgencyCode).HasMaxLength(AgencyCode.MaxLength);
            count.Property(c => c.ProvinceCode).HasMaxLength(2);
            count.Property(c => c.PositionLevel).HasMaxLength(32);
            count.Property(c => c.Unplaced).HasMaxLength(64);
            // The shard rows not folded yet: the national 9-box sums them, and the fold finds them, without reading every cell.
            count.HasIndex(c => c.Shard).HasFilter($"shard <> {CounterShards.Folded}");
        });

        modelBuilder.Entity<NineBoxNationalCount>(count =>
        {
            count.HasKey(c => new { c.Box, c.Unplaced });
            count.Property(c => c.Unplaced).HasMaxLength(64);
        });

        modelBuilder.Entity<CompetencyLevelCount>(count =>
        {
            count.HasKey(c => new { c.AgencyCode, c.ProvinceCode, c.PositionLevel, c.CompetencyCode, c.Method, c.Level, c.Shard });
            count.Property(c => c.AgencyCode).HasMaxLength(AgencyCode.MaxLength);
            count.Property(c => c.ProvinceCode).HasMaxLength(2);
            count.Property(c => c.PositionLevel).HasMaxLength(32);
            count.Property(c => c.CompetencyCode).HasMaxLength(32);
            count.Property(c => c.Method).HasMaxLength(32);
        });

        modelBuilder.Entity<CompetencyRollupCount>(count =>
        {
            count.HasKey(c => new { c.Rollup, c.GroupCode, c.PositionLevel, c.CompetencyCode, c.Shard });
            // A national map reads one rollup's rows: after a national load is folded most of the table is free space,
            // which this small (deduplicated) index skips and a sequential scan reads.
            count.HasIndex(c => c.Rollup);
            count.Property(c => c.Rollup).HasMaxLength(16);
            count.Property(c => c.GroupCode).HasMaxLength(AgencyCode.MaxLength);
            count.Property(c => c.PositionLevel).HasMaxLength(32);
            count.Property(c => c.CompetencyCode).HasMaxLength(32);
        });

        modelBuilder.Entity<Vacancy>(vacancy =>
        {
            vacancy.HasKey(v => v.Id);
            vacancy.Property(v => v.AgencyCode).HasMaxLength(AgencyCode.MaxLength);
            vacancy.Property(v => v.PositionLevel).HasMaxLength(32);
            vacancy.Property(v => v.Title).HasMaxLength(200);
            vacancy.Property(v => v.Unit).HasMaxLength(200);
            vacancy.Property(v => v.ProvinceCode).HasMaxLength(2);
            vacancy.Property(v => v.RequiredTechnical).HasColumnType("jsonb");
            vacancy.HasIndex(v => new { v.AgencyCode, v.CreatedAt, v.Id });
            vacancy.HasIndex(v => new { v.PositionLevel, v.AgencyCode }).HasFilter("closed_at IS NULL");
        });

        modelBuilder.Entity<ProfileVersion>(version =>
        {
            version.HasKey(v => new { v.Nip, v.Version });
            version.Property(v => v.Nip).HasMaxLength(18);
            version.Property(v => v.Kind).HasMaxLength(16);
            version.Property(v => v.Cause).HasMaxLength(200);
            version.Property(v => v.Changes).UseCompressionMethod(Lz4);
        });

        modelBuilder.Entity<ChangeFeedEntry>(entry =>
        {
            entry.ToTable("change_feed");
            entry.HasKey(e => e.Seq);
            entry.Property(e => e.Seq).UseIdentityAlwaysColumn();
            entry.Property(e => e.Nip).HasMaxLength(18);
            entry.Property(e => e.Kind).HasMaxLength(16);
        });

        modelBuilder.Entity<Conflict>(conflict =>
        {
            conflict.HasKey(c => new { c.Id, c.Nip });
            conflict.Property(c => c.Nip).HasMaxLength(18);
            conflict.Property(c => c.Kind).HasMaxLength(32);
            conflict.Property(c => c.Field).HasMaxLength(64);
            conflict.Property(c => c.Status).HasMaxLength(16);
            conflict.Property(c => c.Scope).HasMaxLength(65);
            conflict.Property(c => c.ResolvedBy).HasMaxLength(64);
            conflict.Property(c => c.ResolutionReason).HasMaxLength(1000);
            conflict.Property(c => c.RowVersion).IsRowVersion();
            conflict.HasIndex(c => new { c.Nip, c.Status });
            conflict.HasIndex(c => new { c.Nip, c.Kind, c.Field });
            conflict.HasIndex(c => new { c.Status, c.Kind, c.Id });
        });

        modelBuilder.Entity<StewardDecision>(decision =>
        {
            decision.HasKey(d => new { d.Id, d.Nip });
            decision.Property(d => d.Kind).HasMaxLength(16);
            decision.Property(d => d.Nip).HasMaxLength(18);
            decision.Property(d => d.OtherNip).HasMaxLength(18);
            decision.Property(d => d.ConflictKind).HasMaxLength(32);
            decision.Property(d => d.Field).HasMaxLength(64);
            decision.Property(d => d.Scope).HasMaxLength(65);
            decision.Property(d => d.ChosenAgencyCode).HasMaxLength(32);
            decision.Property(d => d.ChosenValue).HasMaxLength(200);
            decision.Property(d => d.Reason).HasMaxLength(1000);
            decision.Property(d => d.DecidedBy).HasMaxLength(64);
            decision.HasIndex(d => new { d.Nip, d.Id });
            decision.HasIndex(d => new { d.OtherNip, d.Id });
            decision.HasIndex(d => d.Nip).HasFilter("kind = 'RESOLUTION' AND lapsed_at IS NULL").HasDatabaseName("ix_steward_decisions_resolutions_in_force");
        });

        modelBuilder.Entity<Export>(export =>
        {
            export.HasKey(e => e.Id);
            export.Property(e => e.ClientId).HasMaxLength(64);
            export.Property(e => e.IdempotencyKey).HasMaxLength(255);
            export.Property(e => e.Format).HasMaxLength(8);
            export.Property(e => e.Status).HasMaxLength(16);
            export.Property(e => e.FeedCursor).HasMaxLength(8192);
            export.Property(e => e.Error).HasMaxLength(1000);
            export.HasIndex(e => new { e.ClientId, e.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
            export.HasIndex(e => new { e.ClientId, e.Id });
            export.HasIndex(e => new { e.Status, e.ExpiresAt });
        });

        modelBuilder.Entity<ChunkCommit>(commit =>
        {
            commit.HasKey(c => c.Id);
            commit.Property(c => c.Id).UseIdentityAlwaysColumn();
            commit.Property(c => c.Job).HasMaxLength(100);
            commit.Property(c => c.Chunk).HasMaxLength(64);
            commit.Property(c => c.Worker).HasMaxLength(200);
            commit.Property(c => c.CommittedAt).HasDefaultValueSql("now()");
            commit.HasIndex(c => new { c.Job, c.Chunk });
        });

        modelBuilder.Entity<ExportChunk>(chunk =>
        {
            // data is stored EXTERNAL (set by the migration): already gzip, compressing it again costs CPU for nothing.
            chunk.HasKey(c => new { c.ExportId, c.Seq });
        });

        modelBuilder.Entity<SeparatedPair>(pair =>
        {
            pair.HasKey(p => new { p.NipA, p.NipB });
            pair.Property(p => p.NipA).HasMaxLength(18);
            pair.Property(p => p.NipB).HasMaxLength(18);
            pair.HasIndex(p => p.NipB);
            pair.ToTable(t => t.HasCheckConstraint("ck_separated_pairs_ordered", "nip_a < nip_b"));
        });

        modelBuilder.Entity<PiiAccess>(access =>
        {
            access.ToTable("pii_access_log");
            access.HasKey(a => a.Id);
            access.Property(a => a.Id).UseIdentityAlwaysColumn();
            access.Property(a => a.ClientId).HasMaxLength(64);
            access.Property(a => a.Endpoint).HasMaxLength(300);
            access.HasIndex(a => a.At);
        });

        modelBuilder.Entity<StagedRecord>().HasIndex(r => r.Nip);
        // The reconciliation phase walks a submission's NIPs in order from its checkpoint. Without this index the planner
        // intersected the primary key with the national NIP index (1.7M entries read per batch half-way through the
        // national load, 0.45 s a batch, growing with the nation).
        modelBuilder.Entity<StagedRecord>().HasIndex(r => new { r.SubmissionId, r.Nip });
        modelBuilder.Entity<IndexRebuild>(rebuild =>
        {
            rebuild.HasKey(r => r.Id);
            rebuild.Property(r => r.Status).HasMaxLength(16);
            rebuild.Property(r => r.Cause).HasMaxLength(100);
            rebuild.Property(r => r.Checkpoint).HasMaxLength(64);
        });

        ApplySnakeCaseNames(modelBuilder);
    }

    private static void ApplySnakeCaseNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            entity.SetTableName(SnakeCase(entity.GetTableName()!));
            foreach (var property in entity.GetProperties())
            {
                // A row version is PostgreSQL's xmin system column, not a column of ours.
                property.SetColumnName(property.IsConcurrencyToken && property.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAddOrUpdate ? "xmin" : SnakeCase(property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(SnakeCase(key.GetName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(SnakeCase(foreignKey.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    private static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && !char.IsUpper(name[i - 1]))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

/// <summary>Stores enums as their UPPER_SNAKE contract spelling, so the database reads like the API.</summary>
public sealed class UpperSnakeEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => UpperSnakeCase.Of(value),
    text => Parse(text))
    where TEnum : struct, Enum
{
    private static TEnum Parse(string text) =>
        UpperSnakeCase.TryParse<TEnum>(text, out var value)
            ? value
            : throw new InvalidOperationException($"'{text}' is not a {typeof(TEnum).Name}.");
}
