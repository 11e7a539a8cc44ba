/**
 * The job queue lives in lib/queue (a folder below every capability), so that a capability's
 * action can put a job on it without importing lib/jobs, which runs every capability's jobs.
 */
export { createJobQueue, getJobQueue, setJobQueueForTests, type TJobQueue } from "@/lib/queue/job-queue";
