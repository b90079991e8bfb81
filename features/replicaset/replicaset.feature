@chapter-2
Feature: ReplicaSet (tutorial section 2)
  A ReplicaSet keeps a number of pod replicas matching its selector, creating them from its
  template when there are too few and deleting some when there are too many ("多退少补").

  Background:
    Given the tutorial cluster

  @RS-1 @CTRL-1
  Scenario: Create a ReplicaSet of two myapp pods
    When I run "kubectl create -f rs-damo.yaml"
    Then the output is "replicaset.apps/myapp created"
    When 23 seconds pass
    And I run "kubectl get rs"
    Then the output is:
      """
      NAME    DESIRED   CURRENT   READY   AGE
      myapp   2         2         2       23s
      """
    When I run "kubectl get pods"
    Then the output shows:
      | NAME           | READY | STATUS  | RESTARTS | AGE |
      | myapp-{suffix} | 1/1   | Running | 0        | 23s |
      | myapp-{suffix} | 1/1   | Running | 0        | 23s |
    And 2 pods match "app=myapp,release=canary"
