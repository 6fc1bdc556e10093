//! Group commit of verification writes: one task takes the verifications waiting
//! at that moment (up to [`GROUP_COMMIT_MAX`]), has the store apply them in one
//! transaction on its own connection, and only then answers each. Every answer
//! still follows the commit of its own write, and the conditional UPDATEs are the
//! same, so replay protection is unchanged (also across instances on PostgreSQL).
//! One fsync (SQLite `synchronous = FULL`) or WAL flush (PostgreSQL) serves the group.

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc, oneshot};

use super::error::{DatabaseError, ServerError};
use super::store::Store;
use super::write::{VerifyWrite, WriteOutcome};

/// Committing tasks (and connections) on PostgreSQL.
pub const COMMIT_WORKERS_POSTGRES: usize = 4;

/// Most verifications committed in one transaction.
pub const GROUP_COMMIT_MAX: usize = 256;

type Submission = (
    VerifyWrite,
    oneshot::Sender<Result<WriteOutcome, DatabaseError>>,
);

/// The queue of the committing tasks.
pub struct GroupCommit {
    queue: mpsc::Sender<Submission>,
}

impl GroupCommit {
    /// Starts `workers` committing tasks on `store` (one for SQLite, which has one
    /// writer; several for PostgreSQL, whose round trips then overlap). Must be
    /// called inside the tokio runtime.
    pub fn start(store: Store, workers: usize) -> Self {
        let (queue, receiver) = mpsc::channel::<Submission>(4096);
        let receiver = Arc::new(Mutex::new(receiver));
        for _ in 0..workers.max(1) {
            tokio::spawn(Self::work(store.clone(), receiver.clone()));
        }
        Self { queue }
    }

    async fn work(store: Store, receiver: Arc<Mutex<mpsc::Receiver<Submission>>>) {
        let mut batch: Vec<Submission> = Vec::with_capacity(GROUP_COMMIT_MAX);
        loop {
            let taken = receiver
                .lock()
                .await
                .recv_many(&mut batch, GROUP_COMMIT_MAX)
                .await;
            if taken == 0 {
                return;
            }
            let writes: Vec<&VerifyWrite> = batch.iter().map(|(write, _)| write).collect();
            match store.commit_verifications(&writes).await {
                Ok(outcomes) => {
                    for ((_, reply), outcome) in batch.drain(..).zip(outcomes) {
                        let _ = reply.send(Ok(outcome));
                    }
                }
                Err(error) => {
                    // Every waiting verification gets the same failure, as data.
                    let failure = match error {
                        ServerError::Database(failure) => failure,
                        other => DatabaseError::Other(other.to_string()),
                    };
                    for (_, reply) in batch.drain(..) {
                        let _ = reply.send(Err(failure.clone()));
                    }
                }
            }
        }
    }

    /// Queues `write` and waits until its group is committed.
    pub async fn submit(&self, write: VerifyWrite) -> Result<WriteOutcome, ServerError> {
        let stopped = || ServerError::Database(DatabaseError::CommitStopped);
        let (reply, answer) = oneshot::channel();
        self.queue
            .send((write, reply))
            .await
            .map_err(|_| stopped())?;
        answer
            .await
            .map_err(|_| stopped())?
            .map_err(ServerError::Database)
    }
}
