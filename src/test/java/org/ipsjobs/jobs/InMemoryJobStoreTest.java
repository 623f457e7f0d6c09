package org.ipsjobs.jobs;

class InMemoryJobStoreTest extends JobStoreContractTest {
    @Override
    protected JobStore newStore() {
        return new InMemoryJobStore();
    }
}
