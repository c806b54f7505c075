import type { Database } from '../../server/src/db/database.ts'
import { DEFAULT_RULE_SET } from '../../server/src/domain/class-rules.ts'
import { GRADING_ELEMENTS, TABLE1, TABLE3, type BandValues } from '../../server/src/domain/gb15618.ts'
import type { AuthContext } from '../../server/src/services/auth.service.ts'
import { ClassificationRunner, DEFAULT_BATCH_SIZE } from '../../server/src/services/classification-runner.ts'
import { ensureDefaultRuleSet, startClassification } from '../../server/src/services/classification.service.ts'
import type { Log } from './data.ts'
import { median, type Series } from './report.ts'

/** `CASE` over the four pH bands of a GB 15618 row (pH≤5.5 | 5.5<pH≤6.5 | 6.5<pH≤7.5 | pH>7.5). */
function bandCase(values: BandValues): string {
  return `CASE WHEN s.ph <= 5.5 THEN ${values[0]} WHEN s.ph <= 6.5 THEN ${values[1]} WHEN s.ph <= 7.5 THEN ${values[2]} ELSE ${values[3]} END`
}

/** The screening value of a grading metal: 水田 at a 0101 point, else 其他 (表1). */
function screeningCase(element: string): string {
  const paddy = TABLE1.find((r) => r.element === element && r.landType === '水田')!.values
  const other = TABLE1.find((r) => r.element === element && r.landType === '其他')!.values
  return `CASE WHEN s.land_use = '0101' THEN ${bandCase(paddy)} ELSE ${bandCase(other)} END`
}

/**
 * The anchor: one set-based statement with the same joins as the job (latest soil result per point, points
 * with a result inside each parcel, else the nearest such points within the reach by KNN + ellipsoidal
 * distance), the soil grade by a SQL `CASE` over GB 15618 表1/表3 (built from the domain tables), the worst
 * inside or the nearest grade → class, written to a scratch table. No basis, no crop matrix, no IDW: it is the
 * floor the job's extra work is measured against. $1 adcode, $2 reach (m), $3 most samples.
 */
export function setBasedClassifySql(): string {
  const metal = (e: string) => `(s.v->>'${e.toLowerCase()}')::float8`
  const above = (limit: (e: string) => string) =>
    GRADING_ELEMENTS.map((e) => `coalesce(${metal(e)} > ${limit(e)}, false)`).join(' OR ')
  return `
INSERT INTO bench_classify_result (parcel_id, class, method)
WITH soil AS (
  SELECT DISTINCT ON (r.point_id) r.point_id, r.ph, r.values_mg_kg AS v, mp.land_use
  FROM monitoring_result r JOIN monitoring_point mp ON mp.adcode = r.adcode AND mp.id = r.point_id
  WHERE r.adcode = $1 AND r.medium = 'soil'
  ORDER BY r.point_id, r.sampled_on DESC, r.id DESC
),
graded AS MATERIALIZED (
  SELECT s.point_id,
         CASE WHEN s.ph IS NULL THEN 0
              WHEN ${above((e) => bandCase(TABLE3[e as keyof typeof TABLE3]))} THEN 3
              WHEN ${above(screeningCase)} THEN 2
              ELSE 1 END AS grade
  FROM soil s
),
-- worst grade of the graded points inside each parcel (hash join on the graded points)
inside AS (
  SELECT p.id AS parcel_id, max(g.grade) AS grade
  FROM farmland_parcel p
  JOIN monitoring_point mp ON mp.adcode = $1 AND ST_Intersects(mp.geom, p.geom)
  JOIN graded g ON g.point_id = mp.id
  WHERE p.adcode = $1
  GROUP BY p.id
),
-- the nearest points with a result outside each parcel within the reach, as the job finds them
nearest AS (
  SELECT p.id AS parcel_id, n.id AS point_id, n.d
  FROM farmland_parcel p
  CROSS JOIN LATERAL (
    SELECT mp.id, ST_Distance(mp.geom::geography, p.geom::geography) AS d
    FROM monitoring_point mp
    WHERE mp.adcode = $1
      AND ST_DWithin(mp.geom_3857, p.geom_3857, $2 * 1.01 / cos(radians(ST_YMax(p.geom))))
      AND NOT ST_Intersects(mp.geom, p.geom)
      AND EXISTS (SELECT 1 FROM monitoring_result r WHERE r.adcode = mp.adcode AND r.point_id = mp.id)
    ORDER BY mp.geom_3857 <-> p.geom_3857
    LIMIT $3
  ) n
  WHERE p.adcode = $1 AND n.d <= $2
),
-- the grade of the nearest graded point
near AS (
  SELECT DISTINCT ON (n.parcel_id) n.parcel_id, g.grade
  FROM nearest n JOIN graded g ON g.point_id = n.point_id
  ORDER BY n.parcel_id, n.d
),
per_parcel AS (
  SELECT p.id, i.grade AS inside_grade, nr.grade AS near_grade
  FROM farmland_parcel p
  LEFT JOIN inside i ON i.parcel_id = p.id
  LEFT JOIN near nr ON nr.parcel_id = p.id
  WHERE p.adcode = $1
)
SELECT id,
       CASE coalesce(inside_grade, near_grade) WHEN 1 THEN 'priority' WHEN 2 THEN 'safe_use' WHEN 3 THEN 'strict' ELSE 'unclassified' END,
       CASE WHEN inside_grade IS NOT NULL THEN 'samples' WHEN near_grade IS NOT NULL THEN 'interpolated' ELSE 'no_data' END
FROM per_parcel`
}

export interface ClassifyWorkloadResult {
  parcels: number
  series: Series[]
  notes: string[]
}

const benchContext = (adcode: string, name: string): AuthContext => ({
  tokenHash: 'bench',
  csrfToken: 'bench',
  user: {
    id: 0,
    username: 'bench',
    displayName: '基准测试',
    department: '',
    role: 'farmland',
    roleName: '耕地管理员',
    mustChangePassword: false,
    scopes: [adcode],
    counties: [{ adcode, name }],
  } as unknown as AuthContext['user'],
})

/**
 * County-wide classification: the job path (the service and runner the API uses, batches of
 * DEFAULT_BATCH_SIZE, entries with their basis) against the set-based SQL anchor, interleaved, `repeats` times
 * after one un-recorded warm-up of each. Each job's list is deleted afterwards. → parcels/s.
 */
export async function measureClassification(
  db: Database,
  adcode: string,
  repeats: number,
  log: Log,
): Promise<ClassifyWorkloadResult> {
  await ensureDefaultRuleSet(db)
  const {
    rows: [county],
  } = await db.query<{ name: string; parcels: number }>(
    'SELECT c.name, (SELECT count(*)::int FROM farmland_parcel p WHERE p.adcode = c.adcode) AS parcels FROM county c WHERE c.adcode = $1',
    [adcode],
  )
  await db.query(
    'CREATE UNLOGGED TABLE IF NOT EXISTS bench_classify_result (parcel_id bigint PRIMARY KEY, class text NOT NULL, method text NOT NULL)',
  )
  const sql = setBasedClassifySql()
  const { maxDistanceM, maxSamples } = DEFAULT_RULE_SET.interpolation
  const ctx = benchContext(adcode, county.name)
  const runner = new ClassificationRunner(db, { log: (msg, err) => log(`${msg}: ${(err as Error)?.message}`) })

  const runSql = async () => {
    await db.query('TRUNCATE bench_classify_result')
    const t = performance.now()
    await db.query(sql, [adcode, maxDistanceM, maxSamples])
    return (performance.now() - t) / 1000
  }
  let jobDetail: Record<string, unknown> = {}
  const runJob = async () => {
    const t = performance.now()
    const job = await startClassification(db, runner, ctx, { adcode })
    await runner.idle()
    const seconds = (performance.now() - t) / 1000
    const {
      rows: [done],
    } = await db.query(
      `SELECT j.status, j.done, j.error,
        (SELECT jsonb_object_agg(method, n) FROM (SELECT method, count(*) AS n FROM class_list_entry WHERE list_id = j.list_id GROUP BY 1) m) AS methods
      FROM classification_job j WHERE j.id = $1`,
      [job.id],
    )
    if (done.status !== 'done') throw new Error(`分类任务未完成 / job ended ${done.status}: ${done.error}`)
    jobDetail = { status: done.status, done: done.done, methods: done.methods }
    await db.query('DELETE FROM class_list WHERE adcode = $1 AND id = $2', [adcode, job.listId])
    await db.query('DELETE FROM classification_job WHERE adcode = $1 AND id = $2', [adcode, job.id])
    return seconds
  }

  log(`分类 / classification: 预热 / warm-up (${county.parcels} parcels)`)
  const warmSql = await runSql()
  const warmJob = await runJob()
  log(`分类 / classification warm-up: SQL ${warmSql.toFixed(1)} s, job ${warmJob.toFixed(1)} s`)
  const seconds = { job: [] as number[], sql: [] as number[] }
  for (let round = 1; round <= repeats; round++) {
    seconds.job.push(await runJob())
    seconds.sql.push(await runSql())
    log(
      `分类 / classification: 第 ${round}/${repeats} 轮 / run: job ${seconds.job.at(-1)!.toFixed(1)} s, set-based SQL ${seconds.sql.at(-1)!.toFixed(1)} s`,
    )
  }
  const { rows: sqlMethods } = await db.query(
    'SELECT method, count(*)::int AS n FROM bench_classify_result GROUP BY 1 ORDER BY 1',
  )
  const toSeries = (key: string, label: string, s: number[]): Series => {
    const runs = s.map((x) => county.parcels / x)
    return {
      key,
      label,
      unit: 'parcels/s',
      runs,
      invalidRuns: [],
      median: median(runs),
      details: s.map((x) => ({ seconds: x })),
    }
  }
  return {
    parcels: county.parcels,
    series: [
      toSeries('job', 'classification job (API path)', seconds.job),
      toSeries('sql', 'set-based SQL anchor', seconds.sql),
    ],
    notes: [
      `${county.parcels} parcels of ${adcode} ${county.name}; rule set ${DEFAULT_RULE_SET.version} (reach ${maxDistanceM} m, ≤ ${maxSamples} samples). ` +
        `Median seconds: job ${median(seconds.job).toFixed(1)}, SQL ${median(seconds.sql).toFixed(1)} (ratio of parcels/s = SQL time ÷ job time; PERF target: job ≤ 2× the SQL's time, i.e. ≥ 0.5).`,
      `job: startClassification + ClassificationRunner (batches of ${DEFAULT_BATCH_SIZE} parcels by id: one evidence query, classifyParcel in JavaScript, ` +
        `one transaction writing the entries with their basis by COPY on a server (unnest on the embedded engine) and the progress; the next batch read ahead and the last written behind while one is classified); last run ${JSON.stringify(jobDetail)}.`,
      `anchor: one INSERT … SELECT into an unlogged table with the same joins, grade by SQL CASE over GB 15618 表1/表3, worst inside or nearest grade; ` +
        `no basis, no crop matrix, no IDW; methods ${JSON.stringify(Object.fromEntries(sqlMethods.map((r) => [r.method, r.n])))}.`,
    ],
  }
}
